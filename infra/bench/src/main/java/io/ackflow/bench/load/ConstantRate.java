package io.ackflow.bench.load;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed schedule of intended send times: request {@code seq} is due at {@code start + seq / rate}. Nothing about
 * the answers moves the schedule, which is what makes the model open and the latencies free of coordinated omission.
 */
public final class ConstantRate {
    private final long startNanos;
    private final double periodNanos;
    private final long warmupCount;
    private final long totalCount;

    /**
     * @param startNanos {@link System#nanoTime()} of request 0
     * @param ratePerSecond requests per second, more than 0
     */
    public ConstantRate(long startNanos, double ratePerSecond, Duration warmup, Duration measured) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive, got " + ratePerSecond);
        }
        if (warmup.isNegative() || measured.isNegative() || measured.isZero()) {
            throw new IllegalArgumentException("warm-up must be >= 0 and the measured window > 0, got " + warmup
                    + " and " + measured);
        }
        this.startNanos = startNanos;
        this.periodNanos = 1e9 / ratePerSecond;
        this.warmupCount = Math.round(ratePerSecond * warmup.toNanos() / 1e9);
        this.totalCount = warmupCount + Math.max(1, Math.round(ratePerSecond * measured.toNanos() / 1e9));
    }

    public long intendedNanos(long seq) {
        return startNanos + (long) (seq * periodNanos);
    }

    /** Requests before this one are warm-up and are not measured. */
    public long warmupCount() {
        return warmupCount;
    }

    public long totalCount() {
        return totalCount;
    }

    public long measuredCount() {
        return totalCount - warmupCount;
    }

    public boolean isMeasured(long seq) {
        return seq >= warmupCount;
    }

    /** Start of the measured window. */
    public long measuredStartNanos() {
        return intendedNanos(warmupCount);
    }

    /** Parks until {@code seq}'s intended time; returns {@code System.nanoTime()} on waking. */
    public long awaitIntended(long seq) {
        long due = intendedNanos(seq);
        long now = System.nanoTime();
        while (now < due) {
            LockSupport.parkNanos(due - now);
            now = System.nanoTime();
        }
        return now;
    }
}
