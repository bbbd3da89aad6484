package io.ackflow.app.bench;

import io.ackflow.fakes.telegram.FakeTelegramServer;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * The "Telegram hangs" state of the health scenario: a fake Bot API this runner starts in hang mode (it reads every
 * call and answers none), named in a bot's {@code api_base_url} as the quiz scenario does, and a trickle of
 * {@code /start} updates to that bot, one new chat each, so the stack's sender really has calls held open while the
 * probes run. {@link #release} lets the fake answer again and waits a little for the held and queued welcomes;
 * {@link #close()} stops the fake.
 */
final class HungTelegram implements AutoCloseable {
    private static final long UPDATE_INTERVAL_MS = 200;

    private final Http http;
    private final FakeTelegramServer fake;
    private final String bot;
    private final String secret;
    private final long chatBase = 3_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    private final Map<Integer, LongAdder> webhookStatuses = new ConcurrentHashMap<>();
    private final Thread updates;
    private volatile boolean running = true;

    private HungTelegram(Http http, FakeTelegramServer fake) {
        this.http = http;
        this.fake = fake;
        String run = UUID.randomUUID().toString().substring(0, 8);
        this.bot = "bench-hang-" + run;
        this.secret = "bench_hang_secret_" + run;
        http.put("/v1/bots/" + bot, Map.of("token", "654321:bench-hang-" + run, "webhook_secret", secret,
                "api_base_url", fake.baseUrl()));
        this.updates = new Thread(this::postUpdates, "bench-telegram-updates");
        this.updates.setDaemon(true);
    }

    /** Starts the fake already hanging, defines the bot and starts the updates. */
    static HungTelegram start(Http http) {
        FakeTelegramServer fake = FakeTelegramServer.start(0).hangAll();
        try {
            HungTelegram h = new HungTelegram(http, fake);
            h.updates.start();
            return h;
        } catch (RuntimeException e) {
            fake.close();
            throw e;
        }
    }

    /** Waits until the sender has a call held by the fake; false if none arrived within {@code timeout}. */
    boolean awaitHeldCall(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (fake.heldCalls() == 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    int heldCalls() {
        return fake.heldCalls();
    }

    /** Updates ingress accepted (200): each should become one welcome message. */
    long accepted() {
        LongAdder ok = webhookStatuses.get(200);
        return ok == null ? 0 : ok.sum();
    }

    /** Webhook answers to the updates, by status ({@link OpenLoad#IO_ERROR} for a failed call). */
    Map<Integer, Long> webhookStatuses() {
        Map<Integer, Long> m = new TreeMap<>();
        webhookStatuses.forEach((status, n) -> m.put(status, n.sum()));
        return m;
    }

    /** Welcomes the fake has answered with 200 so far. */
    int delivered() {
        return fake.delivered().size();
    }

    /**
     * Posts one {@code /start} every {@value #UPDATE_INTERVAL_MS} ms. The first is repeated until ingress accepts it (its
     * view of the new bot may lag the {@code PUT} by a moment); from then on every answer is counted.
     */
    private void postUpdates() {
        long knownBy = System.nanoTime() + Http.TIMEOUT.toNanos();
        int first = post(0);
        while (running && first != 200 && System.nanoTime() < knownBy) {
            if (!pause()) {
                return;
            }
            first = post(0);
        }
        webhookStatuses.computeIfAbsent(first, s -> new LongAdder()).increment();
        for (int i = 1; running; i++) {
            webhookStatuses.computeIfAbsent(post(i), s -> new LongAdder()).increment();
            if (!pause()) {
                return;
            }
        }
    }

    private int post(int i) {
        long chat = chatBase + i;
        String update = "{\"update_id\":" + (i + 1) + ",\"message\":{\"message_id\":1,\"date\":"
                + Instant.now().getEpochSecond() + ",\"chat\":{\"id\":" + chat + ",\"type\":\"private\"},"
                + "\"from\":{\"id\":" + chat + ",\"is_bot\":false,\"first_name\":\"H" + i + "\"},\"text\":\"/start\"}}";
        try {
            return http.send(http.request("/v1/telegram/" + bot + "/webhook")
                            .header("Content-Type", "application/json")
                            .header("X-Telegram-Bot-Api-Secret-Token", secret)
                            .POST(HttpRequest.BodyPublishers.ofString(update))
                            .build())
                    .statusCode();
        } catch (RuntimeException e) {
            return OpenLoad.IO_ERROR;
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(UPDATE_INTERVAL_MS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops the updates and the hang, then waits up to {@code settle} until the fake stops receiving welcomes (the
     * sender has worked off what it held and queued), so none is left retrying against a closed port.
     */
    void release(Duration settle) throws InterruptedException {
        running = false;
        updates.join(Http.TIMEOUT.toMillis() + 1000);
        fake.stopHanging();
        long deadline = System.nanoTime() + settle.toNanos();
        int last = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline && delivered() < accepted()) {
            int now = fake.calls().size();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > 2_000_000_000L) {
                return;
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        running = false;
        updates.interrupt();
        fake.close();
    }
}
