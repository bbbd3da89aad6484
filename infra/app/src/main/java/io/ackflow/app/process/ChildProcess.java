package io.ackflow.app.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running child JVM: stop it gently, kill it hard, freeze and thaw it. */
public final class ChildProcess implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);

    private final String name;
    private final Process process;
    private final Path logFile;

    ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The log file, or null when output went to the parent's. */
    public Path logFile() {
        return logFile;
    }

    /** {@code kill -9}: no shutdown hooks, no clean leave from consumer groups, no broker shutdown. */
    public void kill9() {
        log.info("kill -9 {} (pid {})", name, pid());
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** SIGTERM without waiting: shutdown hooks run. */
    public void terminate() {
        process.destroy();
    }

    /** SIGTERM, then SIGKILL if it has not exited within {@code grace}. Returns the exit code. */
    public int stop(Duration grace) {
        if (!process.isAlive()) {
            return process.exitValue();
        }
        process.destroy();
        if (!awaitExit(grace)) {
            log.warn("{} (pid {}) did not stop within {}; killing it", name, pid(), grace);
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(10));
        }
        return process.exitValue();
    }

    /** {@code kill -STOP}: the process keeps its sockets but does nothing (a zombie group member). */
    public void freeze() {
        signal("STOP");
    }

    /** {@code kill -CONT}: resumes a frozen process. */
    public void thaw() {
        signal("CONT");
    }

    public boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The log so far (empty when output is not captured). */
    public String logText() {
        if (logFile == null || !Files.exists(logFile)) {
            return "";
        }
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void signal(String sig) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + sig, String.valueOf(pid())).inheritIO().start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + sig + " " + pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + name, e);
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(15));
    }

    @Override
    public String toString() {
        return name + "(pid " + pid() + (isAlive() ? "" : ", exited") + ")";
    }
}
