package io.ackflow.app.chaos;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * asynchronously, and latency counts from when a request was due, so a stall is not hidden). Bids go round-robin to
 * the ingress processes; a connection that cannot be opened is retried once on the next ingress with the same
 * {@code Idempotency-Key}, as a client behind a balancer would. A share of requests repeat an earlier one.
 */
final class LoadGenerator {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final int MAX_IN_FLIGHT = 4000;
    private static final double DUPLICATE_SHARE = 0.1;
    private static final int BIDDERS_PER_AUCTION = 40;

    private final String scenario;
    private final List<String> auctions;
    private final Supplier<List<RoleProcess>> ingress;
    private final Random random;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "chaos-http");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().executor(executor)
            .connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
    private final ConcurrentLinkedQueue<RequestRecord> done = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    LoadGenerator(String scenario, List<String> auctions, Supplier<List<RoleProcess>> ingress, long seed) {
        this.scenario = scenario;
        this.auctions = auctions;
        this.ingress = ingress;
        this.random = new Random(seed);
    }

    /** Runs for {@code duration} at {@code rate} per second, then waits (bounded) for the last answers. */
    List<RequestRecord> run(int rate, Duration duration) {
        long intervalNanos = 1_000_000_000L / rate;
        long total = duration.toNanos() / intervalNanos;
        long startNanos = System.nanoTime();
        long startMs = System.currentTimeMillis();
        List<Planned> recent = new ArrayList<>();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (long seq = 0; seq < total; seq++) {
            long due = startNanos + seq * intervalNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            Planned p;
            if (!recent.isEmpty() && random.nextDouble() < DUPLICATE_SHARE) {
                Planned original = recent.get(random.nextInt(recent.size()));
                p = new Planned(seq, original.auction, original.bidder, original.amount, original.key, original.seq);
            } else {
                String auction = auctions.get(random.nextInt(auctions.size()));
                String bidder = "b" + random.nextInt(BIDDERS_PER_AUCTION);
                String amount = (1 + random.nextInt(99_999)) + "." + String.format("%02d", random.nextInt(100));
                p = new Planned(seq, auction, bidder, amount, scenario + "-" + seq, -1);
                recent.add(p);
                if (recent.size() > 200) {
                    recent.remove(0);
                }
            }
            long dueMs = startMs + (due - startNanos) / 1_000_000;
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                done.add(record(p, "-", 0, dueMs, 0, 0, null, "generator overloaded: not sent"));
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

    private CompletableFuture<Void> send(Planned p, int target, int attempt, long dueNanos, long dueMs) {
        List<RoleProcess> targets = ingress.get();
        RoleProcess to = targets.get(target % targets.size());
        String body = "{\"bidder_id\":\"" + p.bidder + "\",\"amount\":" + p.amount + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(to.baseUrl() + "/v1/auctions/" + p.auction + "/bids"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + Topology.API_KEY)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", p.key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    double latency = (System.nanoTime() - dueNanos) / 1e6;
                    if (error == null) {
                        done.add(record(p, to.name(), attempt, dueMs, latency, response.statusCode(),
                                eventId(response), problemKind(response)));
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    Throwable cause = error.getCause() != null ? error.getCause() : error;
                    if (cause instanceof ConnectException && attempt == 1 && targets.size() > 1) {
                        return send(p, target + 1, attempt + 1, dueNanos, dueMs);
                    }
                    done.add(record(p, to.name(), attempt, dueMs, latency, 0, null, cause.toString()));
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

    private static String eventId(HttpResponse<String> response) {
        if (response.statusCode() != 202) {
            return null;
        }
        Matcher m = ID.matcher(response.body());
        return m.find() ? m.group(1) : null;
    }

    private RequestRecord record(Planned p, String ingressName, int attempts, long dueMs, double latency, int status,
            String eventId, String error) {
        return new RequestRecord(scenario, p.seq, p.auction, p.bidder, p.amount, p.key, p.duplicateOf, ingressName,
                attempts, dueMs, latency, status, eventId, error);
    }

    private record Planned(long seq, String auction, String bidder, String amount, String key, long duplicateOf) {}
}
