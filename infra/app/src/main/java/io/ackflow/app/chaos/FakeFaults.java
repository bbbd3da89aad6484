package io.ackflow.app.chaos;

import io.ackflow.app.process.Pause;
import io.ackflow.fakes.broker.FakeBrokerServer;
import io.ackflow.fakes.telegram.FakeTelegramServer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bad spell of the external services, in three phases that end by themselves: both fakes slow (within the callers'
 * timeouts), then answering {@code 5xx}, then {@code 429} with a retry-after. The {@code 5xx} and {@code 429} phases
 * are kept within what the callers retry for before giving a message or an order up (the Telegram sender: 6 calls with
 * doubling backoff from 500 ms; the order worker: about 10 s of redelivery), so every effect is still due: the check is
 * that each happens exactly once.
 */
final class FakeFaults {
    private static final Logger log = LoggerFactory.getLogger(FakeFaults.class);
    static final String TARGET = "fake Telegram Bot API and order gateway";
    static final Duration SLOW = Duration.ofSeconds(3);
    static final Duration TELEGRAM_EXTRA = Duration.ofMillis(1500);
    static final Duration GATEWAY_EXTRA = Duration.ofMillis(800);
    static final Duration FAILING = Duration.ofSeconds(3);
    static final Duration RATE_LIMITED = Duration.ofSeconds(3);
    static final int RETRY_AFTER_SECONDS = 2;

    private FakeFaults() {}

    /** Runs the three phases one after the other; returns when the fakes have recovered. */
    static void run(FakeTelegramServer telegram, FakeBrokerServer gateway) {
        log.info("fakes: slow for {} s", SLOW.toSeconds());
        telegram.slowFor(SLOW, TELEGRAM_EXTRA);
        gateway.slowFor(SLOW, GATEWAY_EXTRA);
        Pause.of(SLOW);
        log.info("fakes: 5xx for {} s", FAILING.toSeconds());
        telegram.failFor(FAILING, 502);
        gateway.failFor(FAILING, 503);
        Pause.of(FAILING);
        log.info("fakes: 429 with retry-after {} s for {} s", RETRY_AFTER_SECONDS, RATE_LIMITED.toSeconds());
        telegram.rateLimitFor(RATE_LIMITED, RETRY_AFTER_SECONDS);
        gateway.rateLimitFor(RATE_LIMITED, RETRY_AFTER_SECONDS);
        Pause.of(RATE_LIMITED);
        log.info("fakes: recovered");
    }
}
