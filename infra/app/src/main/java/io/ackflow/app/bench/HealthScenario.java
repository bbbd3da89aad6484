package io.ackflow.app.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The service whose health check took 25 s because it called other services: {@code /health/live} and
 * {@code /health/ready} probed at a constant rate while everything is up, while the Telegram Bot API hangs, while
 * Kafka is down and while PostgreSQL is down. Live must answer 200 throughout. Ready must answer 200 when up and while
 * Telegram hangs (no health indicator calls Telegram: a hung Bot API delays one worker group's sends, which shows in
 * its metrics, lag and dead letters, and must not take the process out of rotation), and 503 once Kafka or PostgreSQL
 * is down (after the first probes, which may still see the cached state). Needs {@link StackControl} for Kafka and
 * PostgreSQL; the hanging Bot API is a fake this runner starts ({@link HungTelegram}).
 */
final class HealthScenario implements Scenario {
    private static final double PROBES_PER_SECOND = 20;
    static final String TELEGRAM_HANGS = "telegram hangs";

    private final StackControl control;

    HealthScenario(StackControl control) {
        this.control = control;
    }

    @Override
    public String name() {
        return "health";
    }

    @Override
    public ScenarioResult run(Http http, boolean shortRun) throws InterruptedException {
        int seconds = shortRun ? 2 : 10;
        ScenarioResult r = new ScenarioResult(name(), String.format(
                "/health/live and /health/ready, %.0f probes/s each for %d s per state", PROBES_PER_SECOND, seconds));
        List<Series.Point> points = new ArrayList<>();
        double[] offset = {0};
        // Warm-up (not measured): a stack that has just started is still compiling its request path.
        OpenLoad.constantRate(http, PROBES_PER_SECOND, (int) PROBES_PER_SECOND * (shortRun ? 1 : 10),
                i -> http.request(i % 2 == 0 ? "/health/live" : "/health/ready").GET().build(), (i, s, b, l) -> {}, 200);
        probe(http, r, "up", seconds, 200, points, offset);
        probeWhileTelegramHangs(http, r, seconds, points, offset);
        control.stopKafka();
        try {
            probe(http, r, "kafka down", seconds, 503, points, offset);
        } finally {
            control.startKafka();
        }
        awaitReady(http);
        control.stopPostgres();
        try {
            probe(http, r, "postgres down", seconds, 503, points, offset);
        } finally {
            control.startPostgres();
        }
        awaitReady(http);
        r.charts.add(new Series("health-probes", "health: probe latency p99 per second (up, Telegram hangs, Kafka down,"
                + " PostgreSQL down)",
                "s", "ms", List.of("live p99", "ready p99"), points));
        return r;
    }

    /**
     * Probes once the stack's sender has a call held by the hanging fake, so the state is real, not assumed. Ready
     * must stay 200; the webhooks that feed the sender must keep being acknowledged.
     */
    private void probeWhileTelegramHangs(Http http, ScenarioResult r, int seconds, List<Series.Point> points,
            double[] offset) throws InterruptedException {
        try (HungTelegram telegram = HungTelegram.start(http)) {
            if (!telegram.awaitHeldCall(Duration.ofSeconds(30))) {
                r.problem(TELEGRAM_HANGS + ": no Bot API call reached the hanging fake within 30 s (webhooks "
                        + telegram.webhookStatuses() + "), so the state was never reached");
                return;
            }
            probe(http, r, TELEGRAM_HANGS, seconds, 200, points, offset);
            r.details.put("telegram_calls_held_at_end", telegram.heldCalls());
            telegram.release(Duration.ofSeconds(20));
            Map<Integer, Long> webhooks = telegram.webhookStatuses();
            r.details.put("telegram_webhook_statuses", webhooks);
            r.details.put("telegram_welcomes_delivered_after_release", telegram.delivered() + " of "
                    + telegram.accepted());
            if (webhooks.keySet().stream().anyMatch(status -> status != 200)) {
                r.warn("Telegram webhooks answered other than 200 while the Bot API hung: " + webhooks);
            }
        }
    }

    private void probe(Http http, ScenarioResult r, String state, int seconds, int readyExpected,
            List<Series.Point> points, double[] offset) {
        int count = (int) (PROBES_PER_SECOND * seconds);
        var ready = new java.util.concurrent.CompletableFuture<OpenLoad.Result>();
        Thread t = new Thread(() -> ready.complete(OpenLoad.constantRate(http, PROBES_PER_SECOND, count,
                i -> http.request("/health/ready").GET().build(), (i, s, b, l) -> {}, 200)), "bench-ready-probes");
        t.start();
        OpenLoad.Result live = OpenLoad.constantRate(http, PROBES_PER_SECOND, count,
                i -> http.request("/health/live").GET().build(), (i, s, b, l) -> {}, 200);
        OpenLoad.Result readyResult = ready.join();
        r.figure("live p99 (" + state + ")", OpenLoad.Result.ms(live.all, 99), "ms", "25 s")
                .figure("ready p99 (" + state + ")", OpenLoad.Result.ms(readyResult.all, 99), "ms", "25 s");
        if (live.count(200) != live.total()) {
            r.problem("/health/live " + state + ": " + live.statuses());
        }
        // The state is cached and refreshed in the background, so the first second may still show the old one.
        long wrong = readyResult.total() - readyResult.count(readyExpected);
        if (wrong > PROBES_PER_SECOND * 2) {
            r.problem("/health/ready " + state + " expected " + readyExpected + ": " + readyResult.statuses());
        }
        r.details.put("ready_statuses_" + state.replace(' ', '_'), readyResult.statuses());
        var liveSeries = live.series();
        var readySeries = readyResult.series();
        for (int k = 0; k < Math.min(liveSeries.size(), readySeries.size()); k++) {
            points.add(new Series.Point(offset[0] + k, Map.of("live p99", liveSeries.get(k).values().get("p99"),
                    "ready p99", readySeries.get(k).values().get("p99"))));
        }
        offset[0] += seconds;
        if (OpenLoad.Result.ms(live.all, 99) > 100 || OpenLoad.Result.ms(readyResult.all, 99) > 100) {
            r.warn("a probe p99 above the 100 ms target while " + state);
        }
    }

    private static void awaitReady(Http http) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(http.request("/health/ready").GET().build()).statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException e) {
                // retried
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("/health/ready not 200 within 120 s after a restart");
    }
}
