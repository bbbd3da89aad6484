package io.ackflow.fakes;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Faults a fake applies to every call for a while and then drops by itself, the way a real service has a bad spell and
 * recovers: an error answer (a {@code 5xx}, or {@code 429} with a retry-after) and extra latency, each until its own
 * deadline. Deadlines are on an injected nano clock, so a test moves time instead of sleeping. Thread-safe.
 */
public final class TimedFaults {

    /**
     * An answer to give instead of the real one.
     *
     * @param status {@code 429} or a {@code 5xx}
     * @param retryAfterSeconds for a {@code 429}, how long the caller should wait (at least 1); 0 otherwise
     */
    public record Failure(int status, int retryAfterSeconds) {
        public Failure {
            if (status == 429 ? retryAfterSeconds < 1 : status < 500 || status > 599 || retryAfterSeconds != 0) {
                throw new IllegalArgumentException(
                        "a timed failure is a 5xx, or a 429 with a retry-after of at least 1 s; got " + status
                                + " with retry-after " + retryAfterSeconds);
            }
        }
    }

    private record Window<T>(T value, long untilNanos) {}

    private final LongSupplier nanoClock;
    private volatile Window<Failure> failure;
    private volatile Window<Duration> latency;

    public TimedFaults(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Every call answers {@code status} (a {@code 5xx}) for {@code duration} from now. */
    public void fail(int status, Duration duration) {
        failure = new Window<>(new Failure(status, 0), deadline(duration));
    }

    /** Every call answers {@code 429} with {@code retryAfterSeconds} for {@code duration} from now. */
    public void rateLimit(int retryAfterSeconds, Duration duration) {
        failure = new Window<>(new Failure(429, retryAfterSeconds), deadline(duration));
    }

    /** Every call takes {@code extra} longer to answer, for {@code duration} from now. */
    public void slow(Duration extra, Duration duration) {
        if (extra.isNegative() || extra.isZero()) {
            throw new IllegalArgumentException("extra latency must be positive, got " + extra);
        }
        latency = new Window<>(extra, deadline(duration));
    }

    public void clear() {
        failure = null;
        latency = null;
    }

    /** The failure to answer with now, if a failure window is open. */
    public Optional<Failure> failure() {
        Window<Failure> w = failure;
        return w != null && nanoClock.getAsLong() - w.untilNanos() < 0 ? Optional.of(w.value()) : Optional.empty();
    }

    /** The extra latency now: zero outside a slow window. */
    public Duration latency() {
        Window<Duration> w = latency;
        return w != null && nanoClock.getAsLong() - w.untilNanos() < 0 ? w.value() : Duration.ZERO;
    }

    private long deadline(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a fault window must last a positive time, got " + duration);
        }
        return nanoClock.getAsLong() + duration.toNanos();
    }
}
