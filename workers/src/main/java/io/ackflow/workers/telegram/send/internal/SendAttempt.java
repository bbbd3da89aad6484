package io.ackflow.workers.telegram.send.internal;

import io.ackflow.schema.event.TelegramSend;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends one message: claim it in the ledger, call the Bot API, record the outcome, and decide what the dispatcher does
 * next. Runs on a worker thread, one message per chat at a time.
 */
public final class SendAttempt implements SendDispatcher.Work {
    private static final Logger log = LoggerFactory.getLogger(SendAttempt.class);

    /** Retry bounds for 5xx and network errors. */
    public record Backoff(int maxAttempts, Duration initial, Duration max, Duration stuckAfter) {}

    private final BotDirectory bots;
    private final BotApiClient api;
    private final SendLedger ledger;
    private final DeadLetterPublisher deadLetters;
    private final SendMetrics metrics;
    private final Backoff backoff;
    private final Clock clock;

    public SendAttempt(BotDirectory bots, BotApiClient api, SendLedger ledger, DeadLetterPublisher deadLetters,
            SendMetrics metrics, Backoff backoff, Clock clock) {
        this.bots = bots;
        this.api = api;
        this.ledger = ledger;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.backoff = backoff;
        this.clock = clock;
    }

    @Override
    public Outcome process(PendingSend p, boolean stale) {
        TelegramSend s = p.send();
        if (p.deadLetterCause != null) {
            return deadLetter(p, p.deadLetterCause, p.deadLetterState);
        }
        if (stale) {
            ledger.recordUnclaimed(s, "stale", "enqueued at " + s.enqueuedAt() + ", too old to send");
            metrics.outcome(s.botId(), s.method(), "stale");
            return Outcome.DONE;
        }
        Optional<BotEndpoint> bot = bots.endpoint(s.botId());
        if (bot.isEmpty()) {
            ledger.recordUnclaimed(s, "sending", null);
            return deadLetter(p, new SendFailure.Invalid("unknown bot " + s.botId() + " for " + p), "failed");
        }
        SendLedger.Claim claim;
        try {
            claim = ledger.claim(s, p.redriveCount());
        } catch (DataAccessException e) {
            log.warn("Send ledger unavailable, {} waits: {}", p, e.getMessage());
            return Outcome.retryIn(backoffNanos(1));
        }
        if (claim instanceof SendLedger.Claim.Finished f) {
            log.debug("Skipping {}: already {}", p, f.state());
            metrics.outcome(s.botId(), s.method(), "duplicate");
            return Outcome.DONE;
        }
        if (claim instanceof SendLedger.Claim.Open open) {
            return openClaim(p, open);
        }
        return call(p, bot.get());
    }

    private Outcome openClaim(PendingSend p, SendLedger.Claim.Open open) {
        Duration stuck = backoff.stuckAfter();
        if (open.age().compareTo(stuck) < 0) {
            // another instance may still be calling the API for it (a zombie after a rebalance): wait for its outcome
            return Outcome.retryIn(Math.min(stuck.minus(open.age()).toNanos(), TimeUnit.SECONDS.toNanos(5)));
        }
        String why = "claimed " + open.age().toSeconds() + " s ago with no recorded outcome; the call may have been delivered";
        ledger.abandon(p.send().messageId(), why);
        return deadLetter(p, new SendFailure.Uncertain(why + " (" + p + ")"), "uncertain");
    }

    private Outcome call(PendingSend p, BotEndpoint bot) {
        TelegramSend s = p.send();
        ObjectNode body = s.params() instanceof ObjectNode o ? o.deepCopy() : io.ackflow.schema.Json.MAPPER.createObjectNode();
        body.put("chat_id", s.chatId());
        ApiResult r = api.call(bot, s.method(), body);
        switch (r.kind()) {
            case OK -> {
                recordSent(s, r.telegramMessageId());
                metrics.outcome(s.botId(), s.method(), "sent");
                if (s.enqueuedAt() != null) {
                    metrics.delay(s.method(), Duration.between(s.enqueuedAt(), clock.instant()));
                }
                return Outcome.DONE;
            }
            case RATE_LIMITED -> {
                ledger.record(s.messageId(), "retry", r.description());
                return Outcome.rateLimited(TimeUnit.SECONDS.toNanos(r.retryAfterSeconds()));
            }
            case TRANSIENT -> {
                p.failures++;
                if (p.failures >= backoff.maxAttempts()) {
                    return deadLetter(p, new SendFailure.RetriesExhausted("gave up after " + p.failures + " attempts on "
                            + p + ": " + r.description()), "dead");
                }
                ledger.record(s.messageId(), "retry", r.description());
                metrics.outcome(s.botId(), s.method(), "retry");
                return Outcome.retryIn(backoffNanos(p.failures));
            }
            case REJECTED -> {
                return deadLetter(p, new SendFailure.Rejected("HTTP " + r.status() + " " + r.description() + " for " + p),
                        "failed");
            }
            default -> {
                return deadLetter(p, new SendFailure.Uncertain(r.description() + " (" + p + ")"), "uncertain");
            }
        }
    }

    private void recordSent(TelegramSend s, Long telegramMessageId) {
        for (int attempt = 1; ; attempt++) {
            try {
                ledger.sent(s.messageId(), telegramMessageId);
                return;
            } catch (DataAccessException e) {
                if (attempt >= 3) {
                    // the claim stays open: a redelivery treats it as uncertain and does not send it again
                    log.error("Sent message {} but could not record it; it stays claimed", s.messageId(), e);
                    return;
                }
            }
        }
    }

    /** Publishes to the dead-letter topic, then records the final state; a failed publish is retried on its own. */
    private Outcome deadLetter(PendingSend p, Exception cause, String state) {
        TelegramSend s = p.send();
        try {
            deadLetters.publish(p.record(), cause);
        } catch (RuntimeException e) {
            log.warn("Dead-lettering {} failed, retrying: {}", p, e.getMessage());
            p.deadLetterCause = cause;
            p.deadLetterState = state;
            return Outcome.retryIn(TimeUnit.SECONDS.toNanos(1));
        }
        try {
            ledger.record(s.messageId(), state, cause.getMessage());
        } catch (DataAccessException e) {
            log.warn("Could not record {} as {}: {}", p, state, e.getMessage());
        }
        log.info("Dead-lettered {} as {}: {}", p, state, cause.getMessage());
        metrics.outcome(s.botId(), s.method(), state);
        metrics.deadLettered(state);
        return Outcome.DONE;
    }

    /** Exponential backoff with equal jitter: half the delay fixed, half random. */
    long backoffNanos(int failures) {
        long base = backoff.initial().toNanos();
        long max = backoff.max().toNanos();
        long delay = failures >= 40 ? max : Math.min(max, base << Math.max(0, failures - 1));
        long half = delay / 2;
        return half + ThreadLocalRandom.current().nextLong(half + 1);
    }
}
