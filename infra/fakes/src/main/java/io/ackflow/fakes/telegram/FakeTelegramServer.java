package io.ackflow.fakes.telegram;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ackflow.fakes.TimedFaults;
import io.ackflow.schema.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake Telegram Bot API on 127.0.0.1. It serves {@code /bot<token>/<method>} with JSON bodies the way Telegram does
 * ({@code {"ok":true,"result":...}}, or {@code {"ok":false,"error_code":...,"description":...}}), and:
 * <ul>
 *   <li>enforces Telegram's limits per bot (the bot id is the token's part before {@code :}): a global rate, a rate
 *       per private chat and a rate per group (negative chat id), answering {@code 429} with
 *       {@code parameters.retry_after} when one is exceeded;
 *   <li>can inject {@code 5xx} answers, slowness, and {@code 403 "Forbidden: bot was blocked by the user"} per chat;
 *   <li>can hang ({@link #hangAll()}): it accepts every connection and reads the request, then answers nothing until
 *       {@link #stopHanging()}, as a Bot API behind a stuck proxy does;
 *   <li>can have a bad spell for a while and recover by itself: every call slow ({@link #slowFor}), answered with a
 *       {@code 5xx} ({@link #failFor}) or with {@code 429} and a {@code retry_after} ({@link #rateLimitFor});
 *   <li>records every call (bot, method, chat, text, time, status) for tests, benchmarks and dev mode.
 * </ul>
 * Start it with {@link #start()} (a random port) or {@link #start(int)}; {@code main} runs it on its own.
 */
public final class FakeTelegramServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FakeTelegramServer.class);
    private static final Pattern PATH = Pattern.compile("^/bot([^/]+)/([A-Za-z]+)$");
    private static final int MAX_RECORDED = 200_000;

    /**
     * Limits the fake enforces, as token buckets: a rate and how many calls may come at once. The bursts are a little
     * larger than a well-behaved sender's, so a sender that paces itself at the documented rates is never refused for
     * network jitter; one that does not pace itself is.
     */
    public record Limits(double globalPerSecond, double globalBurst, double privatePerSecond, double privateBurst,
            double groupPerMinute, double groupBurst) {
        public Limits {
            if (!(globalPerSecond > 0 && privatePerSecond > 0 && groupPerMinute > 0)
                    || !(globalBurst >= 1 && privateBurst >= 1 && groupBurst >= 1)) {
                throw new IllegalArgumentException("rates must be positive and bursts at least 1: " + this);
            }
        }

        /**
         * Telegram's documented limits: 30 a second per bot, 1 a second per private chat, 20 a minute per group. The
         * bot-wide bucket holds a third of a second's worth (10 calls), so requests a paced sender spread evenly may
         * bunch up by that much on the way (new connections, a GC pause) without being refused; a sender that sends
         * faster than 30 a second for longer than that is refused.
         */
        public static Limits telegram() {
            return globalPerSecond(30);
        }

        public static Limits globalPerSecond(double perSecond) {
            return new Limits(perSecond, Math.max(3, perSecond / 3), 1, 4, 20, 4);
        }
    }

    /**
     * One call received. {@code status} is what the fake answered (200, 429, 403, 5xx); {@code callbackQueryId} is the
     * {@code callback_query_id} of an {@code answerCallbackQuery}, else null.
     */
    public record Call(String botId, String method, Long chatId, String text, Instant time, long nanoTime, int status,
            String callbackQueryId) {
        public boolean delivered() {
            return status == 200;
        }
    }

    private static final class Bucket {
        final double rate;
        final double burst;
        double tokens;
        long at;

        Bucket(double perSecond, double burst, long now) {
            this.rate = perSecond;
            this.burst = burst;
            this.tokens = burst;
            this.at = now;
        }

        /** Nanoseconds until a token is available (0: now). */
        long waitNanos(long now) {
            if (now > at) {
                tokens = Math.min(burst, tokens + (now - at) / 1e9 * rate);
                at = now;
            }
            return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / rate * 1e9);
        }
    }

    private record ChatKey(String botId, long chatId) {}

    private record Injection(int status, String description, AtomicInteger remaining) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final Object limitLock = new Object();
    private volatile Limits defaultLimits = Limits.telegram();
    private final Map<String, Limits> botLimits = new ConcurrentHashMap<>();
    private final Map<String, Bucket> globalBuckets = new HashMap<>();
    private final Map<ChatKey, Bucket> chatBuckets = new HashMap<>();
    private final Map<Long, Injection> chatInjections = new ConcurrentHashMap<>();
    private volatile Injection nextInjection;
    private final Map<Long, Duration> chatDelays = new ConcurrentHashMap<>();
    private volatile Duration delay = Duration.ZERO;
    /** Non-null while hanging: calls wait on it, and are answered normally once it opens. */
    private volatile CountDownLatch hang;
    private final AtomicInteger held = new AtomicInteger();
    private final ArrayDeque<Call> calls = new ArrayDeque<>();
    private final AtomicLong messageIds = new AtomicLong(1000);
    private final TimedFaults timed;

    private FakeTelegramServer(int port, LongSupplier nanoClock) {
        this.timed = new TimedFaults(nanoClock);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("could not bind the fake Telegram API to 127.0.0.1:" + port, e);
        }
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-telegram-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts on a free port. */
    public static FakeTelegramServer start() {
        return start(0);
    }

    /** Starts on {@code port} (0: a free one). */
    public static FakeTelegramServer start(int port) {
        return start(port, System::nanoTime);
    }

    /** Starts on {@code port} (0: a free one); the windows of {@link #failFor} and friends run on {@code nanoClock}. */
    public static FakeTelegramServer start(int port, LongSupplier nanoClock) {
        FakeTelegramServer s = new FakeTelegramServer(port, nanoClock);
        log.info("Fake Telegram Bot API listening on {}", s.baseUrl());
        return s;
    }

    private static FakeTelegramServer shared;

    /**
     * One fake per JVM, started on first use and never stopped: integration tests of several classes (and their cached
     * Spring contexts, each of which may run a sender) all point at the same one.
     */
    public static synchronized FakeTelegramServer shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** Runs the fake on its own: {@code java ... FakeTelegramServer [port]} (default 8081). */
    public static void main(String[] args) throws InterruptedException {
        FakeTelegramServer s = start(args.length > 0 ? Integer.parseInt(args[0]) : 8081);
        System.out.println("Fake Telegram Bot API at " + s.baseUrl() + " (Ctrl-C to stop)");
        Runtime.getRuntime().addShutdownHook(new Thread(s::close));
        new CountDownLatch(1).await();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    // ---- configuration and injection ----

    /** Limits for every bot without its own. */
    public FakeTelegramServer limits(Limits limits) {
        synchronized (limitLock) {
            defaultLimits = limits;
            globalBuckets.clear();
            chatBuckets.clear();
        }
        return this;
    }

    /** Limits for one bot (by id: the token's part before {@code :}). */
    public FakeTelegramServer limits(String botId, Limits limits) {
        synchronized (limitLock) {
            botLimits.put(botId, limits);
            globalBuckets.remove(botId);
            chatBuckets.keySet().removeIf(k -> k.botId().equals(botId));
        }
        return this;
    }

    /** The next {@code count} calls (any chat) fail with {@code status} (e.g. 500, 502). */
    public FakeTelegramServer failNext(int count, int status) {
        nextInjection = new Injection(status, status >= 500 ? "Internal Server Error" : "Bad Request", new AtomicInteger(count));
        return this;
    }

    /** The next {@code count} calls for {@code chatId} fail with {@code status}. */
    public FakeTelegramServer failChat(long chatId, int count, int status) {
        chatInjections.put(chatId, new Injection(status, status >= 500 ? "Internal Server Error" : "Bad Request",
                new AtomicInteger(count)));
        return this;
    }

    /** Every call for {@code chatId} is refused with 403 "Forbidden: bot was blocked by the user". */
    public FakeTelegramServer blockChat(long chatId) {
        chatInjections.put(chatId, new Injection(403, "Forbidden: bot was blocked by the user",
                new AtomicInteger(Integer.MAX_VALUE)));
        return this;
    }

    /** The next {@code count} calls for {@code chatId} get 429 with {@code retry_after} = {@code retryAfterSeconds}. */
    public FakeTelegramServer rateLimitChat(long chatId, int count, int retryAfterSeconds) {
        chatInjections.put(chatId, new Injection(429, String.valueOf(retryAfterSeconds), new AtomicInteger(count)));
        return this;
    }

    /** Every call for {@code chatId} takes {@code extra} longer to answer. */
    public FakeTelegramServer slowChat(long chatId, Duration extra) {
        chatDelays.put(chatId, extra);
        return this;
    }

    /** Every call takes {@code extra} longer to answer. */
    public FakeTelegramServer slowAll(Duration extra) {
        delay = extra;
        return this;
    }

    /**
     * From now on every call is accepted and read but not answered: the caller's connection stays open and silent until
     * {@link #stopHanging()} (or {@link #close()}). Held calls are then answered as usual, unless the caller gave up.
     */
    public synchronized FakeTelegramServer hangAll() {
        if (hang == null) {
            hang = new CountDownLatch(1);
            log.info("Fake Telegram Bot API hangs: calls are read and not answered");
        }
        return this;
    }

    /** Answers again: the calls held by {@link #hangAll()} go on, and new calls are answered at once. */
    public synchronized FakeTelegramServer stopHanging() {
        CountDownLatch h = hang;
        hang = null;
        if (h != null) {
            h.countDown();
            log.info("Fake Telegram Bot API answers again; held calls released: {}", held.get());
        }
        return this;
    }

    /** Calls held unanswered right now by {@link #hangAll()}. */
    public int heldCalls() {
        return held.get();
    }


    /** Every call is answered with {@code status} (a 5xx) for {@code duration}, then the fake recovers. */
    public FakeTelegramServer failFor(Duration duration, int status) {
        timed.fail(status, duration);
        return this;
    }

    /**
     * Every call is answered {@code 429} with {@code parameters.retry_after} = {@code retryAfterSeconds} for
     * {@code duration}, whatever the limits say (Telegram's flood control), then the fake recovers.
     */
    public FakeTelegramServer rateLimitFor(Duration duration, int retryAfterSeconds) {
        timed.rateLimit(retryAfterSeconds, duration);
        return this;
    }

    /** Every call takes {@code extra} longer to answer for {@code duration}, then the fake recovers. */
    public FakeTelegramServer slowFor(Duration duration, Duration extra) {
        timed.slow(extra, duration);
        return this;
    }

    /** Clears injections, delays, timed faults and a hang (not limits or recorded calls). */
    public FakeTelegramServer clearInjections() {
        timed.clear();
        chatInjections.clear();
        chatDelays.clear();
        nextInjection = null;
        delay = Duration.ZERO;
        stopHanging();
        return this;
    }

    // ---- what was received ----

    /** Every call received, oldest first. */
    public List<Call> calls() {
        synchronized (calls) {
            return new ArrayList<>(calls);
        }
    }

    /** Calls answered 200, oldest first. */
    public List<Call> delivered() {
        return calls().stream().filter(Call::delivered).toList();
    }

    /** Calls for {@code chatId} answered 200, oldest first. */
    public List<Call> delivered(long chatId) {
        return calls().stream().filter(c -> c.delivered() && c.chatId() != null && c.chatId() == chatId).toList();
    }

    /** Calls for {@code botId}, any status, oldest first. */
    public List<Call> callsOfBot(String botId) {
        return calls().stream().filter(c -> botId.equals(c.botId())).toList();
    }

    public long count(int status) {
        return calls().stream().filter(c -> c.status() == status).count();
    }

    // ---- serving ----

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Matcher m = PATH.matcher(ex.getRequestURI().getPath());
            if (!m.matches()) {
                reply(ex, 404, error(404, "Not Found"));
                return;
            }
            String token = m.group(1);
            String method = m.group(2);
            int colon = token.indexOf(':');
            if (colon <= 0) {
                reply(ex, 401, error(401, "Unauthorized"));
                return;
            }
            String botId = token.substring(0, colon);
            JsonNode body = readBody(ex);
            // boxed on purpose: with a primitive first operand a call without chat_id (getMe) unboxed null
            Long chatId = body.path("chat_id").isIntegralNumber() ? Long.valueOf(body.get("chat_id").asLong())
                    : body.path("chat_id").isString() ? parseLong(body.get("chat_id").asString()) : null;
            String text = body.path("text").isString() ? body.get("text").asString()
                    : body.path("text").isMissingNode() ? null : body.get("text").toString();
            holdWhileHanging();
            String callbackQueryId = body.path("callback_query_id").isString()
                    ? body.get("callback_query_id").asString() : null;
            pause(chatId);
            Answer answer = decide(botId, method, chatId, body);
            long now = answer.at();
            record(new Call(botId, method, chatId, text, Instant.now(), now, answer.status(), callbackQueryId));
            reply(ex, answer.status(), answer.body());
        } catch (RuntimeException e) {
            log.warn("Fake Telegram API failed on {}", ex.getRequestURI().getPath().replaceAll("/bot[^/]*", "/bot***"), e);
        }
    }

    /** {@code at}: when the decision was taken (nanoTime), under the limit lock for limited calls. */
    private record Answer(int status, byte[] body, long at) {
        Answer(int status, byte[] body) {
            this(status, body, System.nanoTime());
        }
    }

    private Answer decide(String botId, String method, Long chatId, JsonNode body) {
        java.util.Optional<TimedFaults.Failure> spell = timed.failure();
        if (spell.isPresent()) {
            TimedFaults.Failure f = spell.get();
            return new Answer(f.status(), f.status() == 429 ? tooManyRequests(f.retryAfterSeconds())
                    : error(f.status(), f.status() == 502 ? "Bad Gateway" : "Internal Server Error"));
        }
        Injection next = nextInjection;
        if (next != null && next.remaining().getAndDecrement() > 0) {
            return new Answer(next.status(), error(next.status(), next.description()));
        }
        if (chatId != null) {
            Injection inj = chatInjections.get(chatId);
            if (inj != null && inj.remaining().getAndDecrement() > 0) {
                if (inj.status() == 429) {
                    int retryAfter = Integer.parseInt(inj.description());
                    return new Answer(429, tooManyRequests(retryAfter));
                }
                return new Answer(inj.status(), error(inj.status(), inj.description()));
            }
        }
        long[] at = new long[1];
        long wait = takePermit(botId, method, chatId, at);
        if (wait > 0) {
            return new Answer(429, tooManyRequests((int) Math.max(1, Math.ceil(wait / 1e9))), at[0]);
        }
        return new Answer(200, ok(method, chatId, body), at[0]);
    }

    /** Takes a permit from the bot's and the chat's buckets, or returns how long until both have one. */
    private long takePermit(String botId, String method, Long chatId, long[] at) {
        synchronized (limitLock) {
            long now = System.nanoTime();
            at[0] = now;
            Limits limits = botLimits.getOrDefault(botId, defaultLimits);
            Bucket global = globalBuckets.computeIfAbsent(botId,
                    k -> new Bucket(limits.globalPerSecond(), limits.globalBurst(), now));
            Bucket chat = null;
            if (chatId != null && !"answerCallbackQuery".equals(method)) {
                chat = chatBuckets.computeIfAbsent(new ChatKey(botId, chatId), k -> k.chatId() < 0
                        ? new Bucket(limits.groupPerMinute() / 60.0, limits.groupBurst(), now)
                        : new Bucket(limits.privatePerSecond(), limits.privateBurst(), now));
            }
            long wait = Math.max(global.waitNanos(now), chat == null ? 0 : chat.waitNanos(now));
            if (wait == 0) {
                global.tokens -= 1;
                if (chat != null) {
                    chat.tokens -= 1;
                }
            }
            return wait;
        }
    }

    private byte[] ok(String method, Long chatId, JsonNode body) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("ok", true);
        switch (method) {
            case "sendMessage", "editMessageText" -> {
                ObjectNode msg = root.putObject("result");
                msg.put("message_id", body.path("message_id").isIntegralNumber()
                        ? body.get("message_id").asLong() : messageIds.incrementAndGet());
                msg.put("date", Instant.now().getEpochSecond());
                ObjectNode chat = msg.putObject("chat");
                if (chatId != null) {
                    chat.put("id", chatId);
                    chat.put("type", chatId < 0 ? "group" : "private");
                }
                if (body.has("text")) {
                    msg.set("text", body.get("text"));
                }
            }
            case "getMe" -> {
                ObjectNode me = root.putObject("result");
                me.put("id", 1);
                me.put("is_bot", true);
                me.put("first_name", "ackflow fake bot");
            }
            default -> root.put("result", true);
        }
        return Json.write(root);
    }

    private static byte[] error(int code, String description) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("ok", false);
        root.put("error_code", code);
        root.put("description", description);
        return Json.write(root);
    }

    private static byte[] tooManyRequests(int retryAfter) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("ok", false);
        root.put("error_code", 429);
        root.put("description", "Too Many Requests: retry after " + retryAfter);
        root.putObject("parameters").put("retry_after", retryAfter);
        return Json.write(root);
    }

    private void pause(Long chatId) {
        Duration d = delay.plus(timed.latency());
        if (chatId != null) {
            d = d.plus(chatDelays.getOrDefault(chatId, Duration.ZERO));
        }
        if (!d.isZero()) {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void holdWhileHanging() {
        CountDownLatch h = hang;
        if (h == null) {
            return;
        }
        held.incrementAndGet();
        try {
            h.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            held.decrementAndGet();
        }
    }

    private void record(Call call) {
        synchronized (calls) {
            calls.addLast(call);
            while (calls.size() > MAX_RECORDED) {
                calls.removeFirst();
            }
        }
    }

    private static JsonNode readBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length == 0) {
                return Json.MAPPER.createObjectNode();
            }
            try {
                return Json.tree(bytes);
            } catch (RuntimeException e) {
                return Json.MAPPER.createObjectNode();
            }
        }
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        stopHanging();
        server.stop(0);
        executor.shutdownNow();
    }
}
