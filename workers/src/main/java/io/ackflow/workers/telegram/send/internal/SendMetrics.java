package io.ackflow.workers.telegram.send.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ackflow.workers.telegram.send.limit.FloodDetector;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The sender's meters (Prometheus names in brackets):
 * <ul>
 *   <li>{@code ackflow.telegram.sends} [ackflow_telegram_sends_total] by bot, method, outcome: sent, duplicate,
 *       retry, failed, dead, stale, uncertain, invalid;
 *   <li>{@code ackflow.telegram.rate.limited} [ackflow_telegram_rate_limited_total] 429s by bot and scope (chat, bot);
 *   <li>{@code ackflow.telegram.retry.after} [ackflow_telegram_retry_after_seconds] the retry_after values received;
 *   <li>{@code ackflow.telegram.send.delay} [ackflow_telegram_send_delay_seconds] from enqueue to sent, by method;
 *   <li>{@code ackflow.telegram.backlog} messages held by this instance, by bot;
 *   <li>{@code ackflow.telegram.rate.share} this instance's share of every bot's global rate (0..1), and
 *       {@code ackflow.telegram.rate.instance} its current rate in messages a second, by bot;
 *   <li>{@code ackflow.telegram.dead.lettered} records written to the dead-letter topic, by reason.
 * </ul>
 */
public final class SendMetrics {
    private final MeterRegistry registry;
    private final Set<String> botsWithGauges = ConcurrentHashMap.newKeySet();

    public SendMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void outcome(String botId, String method, String outcome) {
        Counter.builder("ackflow.telegram.sends")
                .tag("bot", safe(botId))
                .tag("method", safe(method))
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    public void rateLimited(String botId, FloodDetector.Scope scope, long retryAfterNanos) {
        Counter.builder("ackflow.telegram.rate.limited")
                .tag("bot", safe(botId))
                .tag("scope", scope.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry)
                .increment();
        DistributionSummary.builder("ackflow.telegram.retry.after")
                .baseUnit("seconds")
                .tag("bot", safe(botId))
                .register(registry)
                .record(retryAfterNanos / 1e9);
    }

    public void delay(String method, Duration sinceEnqueue) {
        Timer.builder("ackflow.telegram.send.delay")
                .description("time from enqueue to the Bot API accepting the message")
                .tag("method", safe(method))
                .publishPercentileHistogram()
                .register(registry)
                .record(sinceEnqueue.isNegative() ? Duration.ZERO : sinceEnqueue);
    }

    public void deadLettered(String reason) {
        Counter.builder("ackflow.telegram.dead.lettered").tag("reason", reason).register(registry).increment();
    }

    public <T> void instanceGauges(T owner, ToDoubleFunction<T> share) {
        Gauge.builder("ackflow.telegram.rate.share", owner, share)
                .description("this instance's share of each bot's global rate: partitions owned / partitions")
                .register(registry);
    }

    /** Registers the per-bot gauges the first time a bot is seen. */
    public void botGauges(String botId, DoubleSupplier backlog, DoubleSupplier rate) {
        if (botsWithGauges.add(botId)) {
            Gauge.builder("ackflow.telegram.backlog", backlog::getAsDouble).tag("bot", botId)
                    .description("messages held by this instance, queued or in flight").register(registry);
            Gauge.builder("ackflow.telegram.rate.instance", rate::getAsDouble).tag("bot", botId)
                    .description("this instance's current rate for the bot, messages a second").register(registry);
        }
    }

    private static String safe(String s) {
        return s == null ? "unknown" : s;
    }
}
