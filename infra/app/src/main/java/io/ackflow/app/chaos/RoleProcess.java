package io.ackflow.app.chaos;

import io.ackflow.app.process.Pause;
import io.ackflow.app.process.ChildJvm;
import io.ackflow.app.process.ChildProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * One process running one role ({@code ingress-1}, {@code workers-2}, ...) or several ({@code consumers-1}: workers and
 * persister), that can be killed and started again on the same port.
 */
final class RoleProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final List<String> roles;
    private final int port;
    private final Supplier<ChildJvm> launcher;
    private volatile ChildProcess process;

    RoleProcess(String name, List<String> roles, int port, Supplier<ChildJvm> launcher) {
        this.name = name;
        this.roles = List.copyOf(roles);
        this.port = port;
        this.launcher = launcher;
    }

    String name() {
        return name;
    }

    List<String> roles() {
        return roles;
    }

    boolean runs(String role) {
        return roles.contains(role);
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    ChildProcess process() {
        return process;
    }

    void start() {
        process = launcher.get().start();
    }

    void kill9() {
        process.kill9();
    }

    void stop() {
        if (process != null && process.isAlive()) {
            process.thaw();
            process.stop(Duration.ofSeconds(5));
        }
    }

    /** Polls {@code /health/ready} until 200; fails early when the process exits. */
    Duration awaitReady(Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; see " + process.logFile());
            }
            if (isReady()) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Pause.of(Duration.ofMillis(200));
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + process.logFile());
    }

    boolean isReady() {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return name + "@" + port;
    }
}
