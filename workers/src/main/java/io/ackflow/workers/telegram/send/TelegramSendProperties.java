package io.ackflow.workers.telegram.send;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ackflow.telegram.*}: where the Bot API is, static bots, staleness cut-offs, and the sender's tuning. Every
 * value has a default in code; bad values stop start-up with a message naming the key. Tokens are masked in
 * {@link #toString()}.
 *
 * @param apiBaseUrl Bot API base URL (default {@code https://api.telegram.org}); a bot's own {@code api_base_url} wins
 * @param bots static bots by id, for deployments that do not define bots through {@code PUT /v1/bots/{botId}}
 * @param staleAfter per message kind (or Bot API method), how old a message may be when its turn comes before it is
 *     dropped; default {@code answerCallbackQuery: 60s} (Telegram rejects late callback answers), none for the rest
 * @param sender the sender's tuning
 */
@ConfigurationProperties("ackflow.telegram")
public record TelegramSendProperties(URI apiBaseUrl, Map<String, StaticBot> bots, Map<String, Duration> staleAfter, Sender sender) {

    public static final URI TELEGRAM_API = URI.create("https://api.telegram.org");

    public TelegramSendProperties {
        apiBaseUrl = apiBaseUrl == null ? TELEGRAM_API : apiBaseUrl;
        checkBaseUrl("ackflow.telegram.api-base-url", apiBaseUrl);
        bots = bots == null ? Map.of() : Map.copyOf(bots);
        bots.forEach((id, bot) -> {
            if (bot == null || bot.token() == null || bot.token().isBlank()) {
                throw new IllegalArgumentException("ackflow.telegram.bots." + id + ".token must be set");
            }
            if (bot.apiBaseUrl() != null) {
                checkBaseUrl("ackflow.telegram.bots." + id + ".api-base-url", bot.apiBaseUrl());
            }
        });
        Map<String, Duration> stale = new HashMap<>();
        stale.put("answerCallbackQuery", Duration.ofSeconds(60));
        if (staleAfter != null) {
            staleAfter.forEach((kind, d) -> {
                if (d == null || d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException(
                            "ackflow.telegram.stale-after." + kind + " must be a positive duration, got " + d);
                }
                stale.put(kind, d);
            });
        }
        staleAfter = Map.copyOf(stale);
        sender = sender == null ? Sender.defaults() : sender;
    }

    public static TelegramSendProperties defaults() {
        return new TelegramSendProperties(null, null, null, null);
    }

    private static void checkBaseUrl(String key, URI uri) {
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException(key + " must be an absolute http(s) URL, got " + uri);
        }
    }

    /** The staleness cut-off for a message: its kind's, else its method's, else none. */
    public Duration staleAfter(String kind, String method) {
        Duration d = kind == null ? null : staleAfter.get(kind);
        return d != null ? d : staleAfter.get(method);
    }

    /** A bot configured statically. The token is write-only: {@link #toString()} masks it. */
    public record StaticBot(String token, URI apiBaseUrl) {
        @Override
        public String toString() {
            return "StaticBot[token=***, apiBaseUrl=" + apiBaseUrl + "]";
        }
    }

    /**
     * {@code ackflow.telegram.sender.*}.
     *
     * @param enabled run the sender in the workers role (default true)
     * @param connectTimeout HTTP connect timeout (default 2s)
     * @param requestTimeout HTTP request timeout (default 10s); a timeout after the request was sent is an uncertain outcome
     * @param concurrency Bot API calls in flight at once per instance (default 16, 1..512); a slow chat holds one
     * @param maxBacklog messages held in memory per instance before partitions are paused (default 10000, 10..1000000)
     * @param chatBurst messages one chat may take at once after a quiet spell (default 3, at least 1)
     * @param globalBurst permits of the instance's global share that may be taken at once (default 2: paced, but a
     *     dispatch that wakes late catches up instead of losing the permit)
     * @param maxAttempts Bot API calls per message for 5xx and network errors before it is dead-lettered (default 6)
     * @param initialBackoff first retry delay after a 5xx or network error (default 500ms), doubled per attempt with jitter
     * @param maxBackoff largest retry delay (default 30s)
     * @param floodChats distinct chats with a 429 within {@code floodWindow} that make it a bot-wide flood (default 3)
     * @param floodWindow see {@code floodChats} (default 1s)
     * @param commitInterval how often finished offsets are committed (default 200ms)
     * @param stuckAfter a ledger claim older than this with no outcome is treated as uncertain (default 60s; must exceed
     *     the request timeout)
     */
    public record Sender(
            Boolean enabled,
            Duration connectTimeout,
            Duration requestTimeout,
            Integer concurrency,
            Integer maxBacklog,
            Double chatBurst,
            Double globalBurst,
            Integer maxAttempts,
            Duration initialBackoff,
            Duration maxBackoff,
            Integer floodChats,
            Duration floodWindow,
            Duration commitInterval,
            Duration stuckAfter) {

        public Sender {
            enabled = enabled == null || enabled;
            connectTimeout = positive("connect-timeout", connectTimeout, Duration.ofSeconds(2));
            requestTimeout = positive("request-timeout", requestTimeout, Duration.ofSeconds(10));
            concurrency = range("concurrency", concurrency, 16, 1, 512);
            maxBacklog = range("max-backlog", maxBacklog, 10_000, 10, 1_000_000);
            chatBurst = atLeastOne("chat-burst", chatBurst, 3.0);
            globalBurst = atLeastOne("global-burst", globalBurst, 2.0);
            maxAttempts = range("max-attempts", maxAttempts, 6, 1, 100);
            initialBackoff = positive("initial-backoff", initialBackoff, Duration.ofMillis(500));
            maxBackoff = positive("max-backoff", maxBackoff, Duration.ofSeconds(30));
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("ackflow.telegram.sender.max-backoff (" + maxBackoff
                        + ") must not be less than ackflow.telegram.sender.initial-backoff (" + initialBackoff + ")");
            }
            floodChats = range("flood-chats", floodChats, 3, 1, 1000);
            floodWindow = positive("flood-window", floodWindow, Duration.ofSeconds(1));
            commitInterval = positive("commit-interval", commitInterval, Duration.ofMillis(200));
            stuckAfter = positive("stuck-after", stuckAfter, Duration.ofSeconds(60));
            if (stuckAfter.compareTo(requestTimeout) <= 0) {
                throw new IllegalArgumentException("ackflow.telegram.sender.stuck-after (" + stuckAfter
                        + ") must exceed ackflow.telegram.sender.request-timeout (" + requestTimeout + ")");
            }
        }

        public static Sender defaults() {
            return new Sender(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }

        private static Duration positive(String key, Duration value, Duration dflt) {
            Duration d = value == null ? dflt : value;
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("ackflow.telegram.sender." + key + " must be positive, got " + d);
            }
            return d;
        }

        private static int range(String key, Integer value, int dflt, int min, int max) {
            int v = value == null ? dflt : value;
            if (v < min || v > max) {
                throw new IllegalArgumentException(
                        "ackflow.telegram.sender." + key + " must be between " + min + " and " + max + ", got " + v);
            }
            return v;
        }

        private static double atLeastOne(String key, Double value, double dflt) {
            double v = value == null ? dflt : value;
            if (!Double.isFinite(v) || v < 1) {
                throw new IllegalArgumentException("ackflow.telegram.sender." + key + " must be at least 1, got " + v);
            }
            return v;
        }
    }
}
