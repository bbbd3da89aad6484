package io.ackflow.app.bench;

import io.ackflow.schema.Json;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

/**
 * The trading webhook receiver that took 281 ms per webhook: Standard Webhooks-signed signals at a steady rate (every
 * tenth one a redelivery of the previous signal), then a burst of twice the source's rate limit. Correct when every
 * distinct acknowledged signal became exactly one order, and a redelivery got the same event id.
 */
final class TradingScenario implements Scenario {
    private static final int LIMIT = 100;

    private final double perSecond;
    private final int seconds;

    TradingScenario(double perSecond, int seconds) {
        this.perSecond = perSecond;
        this.seconds = seconds;
    }

    static TradingScenario of(boolean shortRun) {
        return new TradingScenario(50, shortRun ? 3 : 30);
    }

    @Override
    public String name() {
        return "trading";
    }

    @Override
    public ScenarioResult run(Http http, boolean shortRun) throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String account = "bench-acct-" + run;
        String source = "bench-src-" + run;
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        http.put("/v1/accounts/" + account, Map.of("allowed_symbols", List.of("AAPL", "MSFT")));
        http.put("/v1/sources/" + source, Map.of("kind", "trading", "account_id", account,
                "secrets", List.of("whsec_" + Base64.getEncoder().encodeToString(key)),
                "rate_limit", Map.of("per_second", LIMIT, "burst", LIMIT)));

        int steady = (int) (perSecond * seconds);
        Map<String, String> eventIdBySignal = new ConcurrentHashMap<>();
        Map<String, Long> intendedMillisBySignal = new ConcurrentHashMap<>();
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        // Request i carries signal i, except every tenth, which redelivers signal i-1 (same webhook-id and body).
        java.util.function.IntFunction<String> signalOf = i -> "sig-" + run + "-" + (i % 10 == 9 ? i - 1 : i);
        // Warm-up (not measured, but these signals must become orders too).
        OpenLoad.constantRate(http, 20, 20, i -> signed(http, source, "warm-" + run + "-" + i, i, key),
                (i, status, body, micros) -> onAnswer("warm-" + run + "-" + i, status, body, micros, eventIdBySignal,
                        intendedMillisBySignal, problems), 100);
        OpenLoad.Result steadyResult = OpenLoad.constantRate(http, perSecond, steady,
                i -> signed(http, source, signalOf.apply(i), i % 10 == 9 ? i - 1 : i, key),
                (i, status, body, micros) -> onAnswer(signalOf.apply(i), status, body, micros, eventIdBySignal,
                        intendedMillisBySignal, problems), 1000);
        // Open enough keep-alive connections for the burst, so it arrives within a few ms rather than while 200
        // TCP handshakes complete; then let the bucket refill: the burst starts from a full bucket of LIMIT tokens.
        OpenLoad.burst(http, 2 * LIMIT, i -> http.request("/health/live").GET().build(), (i, s1, b, l) -> {});
        Thread.sleep(1500);
        int burstCount = 2 * LIMIT;
        OpenLoad.Result burst = OpenLoad.burst(http, burstCount,
                i -> signed(http, source, "burst-" + run + "-" + i, i, key),
                (i, status, body, micros) -> onAnswer("burst-" + run + "-" + i, status, body, micros,
                        eventIdBySignal, intendedMillisBySignal, problems));

        ScenarioResult r = new ScenarioResult(name(), String.format(
                "%.0f signed webhooks/s for %d s (every 10th a redelivery), then a burst of %d (2 x the limit %d/s)",
                perSecond, seconds, burstCount, LIMIT));
        r.problems.addAll(problems);
        long unacked = steadyResult.total() - steadyResult.count(202);
        if (unacked > 0) {
            r.warn("steady webhooks not all acknowledged: " + steadyResult.statuses() + " (-1 is a client timeout)");
        }
        long burst429 = burst.count(429);
        long burstOther = burst.total() - burst.count(202) - burst429;
        if (burstOther > 0) {
            r.warn("burst answers other than 202/429: " + burst.statuses());
        }
        // Every acknowledged distinct signal must become exactly one order.
        Histogram lag = new Histogram(600_000, 3);
        TreeMap<Integer, Histogram> lagBySecond = new TreeMap<>();
        long firstIntended = intendedMillisBySignal.values().stream().mapToLong(Long::longValue).min().orElse(0);
        Set<String> pending = new HashSet<>(eventIdBySignal.keySet());
        long deadline = System.nanoTime() + 60_000_000_000L;
        Map<String, String> statusByOrder = new TreeMap<>();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            for (var it = pending.iterator(); it.hasNext(); ) {
                String signal = it.next();
                JsonNode order = http.get("/v1/orders/" + eventIdBySignal.get(signal));
                if (order == null) {
                    continue;
                }
                String status = order.get("status").asString();
                if (!status.equals("filled") && !status.equals("submitted") && !status.equals("rejected")
                        && !status.equals("failed")) {
                    continue; // created: not yet submitted
                }
                it.remove();
                statusByOrder.put(signal, status);
                long at = Instant.parse(order.get("updated_at").asString()).toEpochMilli();
                long intended = intendedMillisBySignal.get(signal);
                long ms = Math.max(0, at - intended);
                lag.recordValue(Math.min(ms, 600_000));
                lagBySecond.computeIfAbsent((int) ((intended - firstIntended) / 1000), s -> new Histogram(600_000, 2))
                        .recordValue(Math.min(ms, 600_000));
            }
            if (!pending.isEmpty()) {
                Thread.sleep(200);
            }
        }
        if (!pending.isEmpty()) {
            r.problem(pending.size() + " acknowledged signals have no submitted order after 60 s");
        }
        long notFilled = statusByOrder.values().stream().filter(s -> !s.equals("filled")).count();
        if (notFilled > 0) {
            r.problem(notFilled + " orders not filled: " + new TreeMap<>(Map.of("statuses", statusByOrder.values()
                    .stream().distinct().toList())));
        }
        JsonNode list = http.get("/v1/accounts/" + account + "/orders?limit=1000");
        int listed = list == null ? 0 : list.get("orders").size();
        // A 503 or a timeout may still have been written (docs/api.md), so those signals may have orders too.
        long mayHaveOrder = unacked + burstOther;
        if (eventIdBySignal.size() + mayHaveOrder < 1000
                && (listed < eventIdBySignal.size() || listed > eventIdBySignal.size() + mayHaveOrder)) {
            r.problem("account has " + listed + " orders for " + eventIdBySignal.size()
                    + " distinct acknowledged signals (" + mayHaveOrder + " unacknowledged)");
        }
        double share429 = burst.total() == 0 ? 0 : 100.0 * burst429 / burst.total();
        r.figure("ack p50", OpenLoad.Result.ms(steadyResult.ok, 50), "ms", "281 ms per webhook")
                .figure("ack p99", OpenLoad.Result.ms(steadyResult.ok, 99), "ms", "target 10-20 ms")
                .figure("ack p99.9", OpenLoad.Result.ms(steadyResult.ok, 99.9), "ms", "")
                .figure("signal to order submitted p50", lag.getTotalCount() == 0 ? Double.NaN
                        : lag.getValueAtPercentile(50), "ms", "order placed inline")
                .figure("signal to order submitted p99", lag.getTotalCount() == 0 ? Double.NaN
                        : lag.getValueAtPercentile(99), "ms", "")
                .figure("429 share in the burst", share429, "%", "about half");
        if (share429 < 35 || share429 > 65) {
            r.warn(String.format("burst 429 share %.1f%% is not about half (the burst took %.0f ms to answer)",
                    share429, burst.wall().toNanos() / 1e6));
        }
        r.details.put("steady_statuses", steadyResult.statuses());
        r.details.put("burst_statuses", burst.statuses());
        r.details.put("distinct_signals_acknowledged", eventIdBySignal.size());
        r.details.put("orders_listed_for_account", listed);
        List<Series.Point> points = new ArrayList<>();
        lagBySecond.forEach((s, h) -> points.add(new Series.Point(s, Map.of("p50", (double) h.getValueAtPercentile(50),
                "p99", (double) h.getValueAtPercentile(99), "max", (double) h.getMaxValue()))));
        r.charts.add(new Series("trading-ack", "trading: webhook acknowledgement latency (steady phase)", "s", "ms",
                List.of("p50", "p99", "max"), steadyResult.series()));
        r.charts.add(new Series("trading-order-lag", "trading: signal to order submitted, by send second", "s", "ms",
                List.of("p50", "p99", "max"), points));
        return r;
    }

    private static void onAnswer(String signal, int status, String body, long micros, Map<String, String> ids,
            Map<String, Long> intended, List<String> problems) {
        if (status != 202) {
            return;
        }
        String id = Json.MAPPER.readTree(body).get("id").asString();
        String previous = ids.putIfAbsent(signal, id);
        if (previous != null && !previous.equals(id)) {
            problems.add("redelivered signal " + signal + " got a second event id");
        }
        intended.merge(signal, System.currentTimeMillis() - micros / 1000, Math::min);
    }

    private static HttpRequest signed(Http http, String source, String webhookId, int i, byte[] key) {
        String body = "{\"symbol\":\"" + (i % 2 == 0 ? "AAPL" : "MSFT") + "\",\"side\":\"" + (i % 3 == 0 ? "sell" : "buy")
                + "\",\"quantity\":" + (1 + i % 10) + ",\"price\":187.25,\"order_type\":\"market\"}";
        String ts = Long.toString(Instant.now().getEpochSecond());
        String signature;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            signature = Base64.getEncoder().encodeToString(
                    mac.doFinal((webhookId + "." + ts + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return http.request("/v1/webhooks/" + source)
                .header("Content-Type", "application/json")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", ts)
                .header("webhook-signature", "v1," + signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
