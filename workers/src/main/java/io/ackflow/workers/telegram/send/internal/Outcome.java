package io.ackflow.workers.telegram.send.internal;

/** What became of one attempt at a message, as far as scheduling is concerned. */
public record Outcome(Kind kind, long delayNanos) {

    public enum Kind {
        /** Sent, dropped, skipped or dead-lettered: the message leaves its chat's queue. */
        DONE,
        /** Try the same message again after {@code delayNanos}; only its chat waits. */
        RETRY,
        /** A 429: the chat (or, in a flood, the bot) waits {@code delayNanos}. */
        RATE_LIMITED
    }

    public static final Outcome DONE = new Outcome(Kind.DONE, 0);

    public static Outcome retryIn(long nanos) {
        return new Outcome(Kind.RETRY, nanos);
    }

    public static Outcome rateLimited(long retryAfterNanos) {
        return new Outcome(Kind.RATE_LIMITED, retryAfterNanos);
    }
}
