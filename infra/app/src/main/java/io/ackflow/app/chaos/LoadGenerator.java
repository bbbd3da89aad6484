package io.ackflow.app.chaos;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An open-model load: one request every {@code 1/rate} seconds whatever the answers do (requests are sent
 * asynchronously, and latency counts from when a request was due, so a stall is not hidden). What each request is
 * comes from a {@link RequestMix}. Requests go round-robin to the ingress processes; a connection that cannot be opened
 * is retried once on the next ingress with the same key, as a client behind a balancer would.
 */
final class LoadGenerator {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final int MAX_IN_FLIGHT = 4000;

    private final String scenario;
    private final RequestMix mix;
    private final Supplier<List<RoleProcess>> ingress;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "chaos-http");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().executor(executor)
            .connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
    private final ConcurrentLinkedQueue<RequestRecord> done = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    LoadGenerator(String scenario, RequestMix mix, Supplier<List<RoleProcess>> ingress) {
        this.scenario = scenario;
        this.mix = mix;
        this.ingress = ingress;
    }

    /** Runs for {@code duration} at {@code rate} per second, then waits (bounded) for the last answers. */
    List<RequestRecord> run(int rate, Duration duration) {
        long intervalNanos = 1_000_000_000L / rate;
        long total = duration.toNanos() / intervalNanos;
        long startNanos = System.nanoTime();
        long startMs = System.currentTimeMillis();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (long seq = 0; seq < total; seq++) {
            long due = startNanos + seq * intervalNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            PlannedRequest p = mix.next(seq);
            long dueMs = startMs + (due - startNanos) / 1_000_000;
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                done.add(RequestRecord.of(scenario, p, "-", 0, dueMs, 0, 0, null, "generator overloaded: not sent"));
                continue;
            }
            inFlight.incrementAndGet();
            pending.add(send(p, (int) (seq % Math.max(1, ingress.get().size())), 1, due, dueMs)
                    .whenComplete((r, e) -> inFlight.decrementAndGet()));
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            // answers still missing after a minute are recorded below as unanswered
        }
        executor.shutdownNow();
        return List.copyOf(done);
    }

    private CompletableFuture<Void> send(PlannedRequest p, int target, int attempt, long dueNanos, long dueMs) {
        List<RoleProcess> targets = ingress.get();
        RoleProcess to = targets.get(target % targets.size());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(to.baseUrl() + p.path()))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(p.body()));
        p.headers().forEach(b::header);
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    double latency = (System.nanoTime() - dueNanos) / 1e6;
                    if (error == null) {
                        int status = response.statusCode();
                        mix.answered(p, status);
                        done.add(RequestRecord.of(scenario, p, to.name(), attempt, dueMs, latency, status,
                                eventId(p, response), problemKind(response)));
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    Throwable cause = error.getCause() != null ? error.getCause() : error;
                    if (cause instanceof ConnectException && attempt == 1 && targets.size() > 1) {
                        return send(p, target + 1, attempt + 1, dueNanos, dueMs);
                    }
                    done.add(RequestRecord.of(scenario, p, to.name(), attempt, dueMs, latency, 0, null,
                            cause.toString()));
                    return CompletableFuture.<Void>completedFuture(null);
                })
                .thenCompose(f -> f);
    }

    /** For a 503, whether ingress refused before sending ("overloaded, retry later") or timed out waiting. */
    private static String problemKind(HttpResponse<String> response) {
        if (response.statusCode() != 503) {
            return null;
        }
        return response.body().contains("overloaded") ? RequestRecord.OVERLOADED : RequestRecord.UNAVAILABLE;
    }

    private static String eventId(PlannedRequest p, HttpResponse<String> response) {
        if (response.statusCode() != p.kind().ackStatus()) {
            return null;
        }
        Matcher m = ID.matcher(response.body());
        return m.find() ? m.group(1) : null;
    }
}
