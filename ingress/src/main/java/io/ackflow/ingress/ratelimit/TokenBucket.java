package io.ackflow.ingress.ratelimit;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code perSecond} tokens are added each second, up to {@code burst}; a request takes one. Time comes
 * from an injected nano clock, so tests need no sleeps. Thread-safe.
 */
public final class TokenBucket {
    private final double perSecond;
    private final int burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastRefill;

    public TokenBucket(double perSecond, int burst, LongSupplier nanoClock) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rate must be positive and finite, got " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, got " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.lastRefill = nanoClock.getAsLong();
    }

    /** Takes a token. Returns 0 when granted, else the nanoseconds until one will be available. */
    public synchronized long tryTake() {
        long now = nanoClock.getAsLong();
        long elapsed = now - lastRefill;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * perSecond / 1e9);
            lastRefill = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) * 1e9 / perSecond));
    }

    public boolean sameLimits(double perSecond, int burst) {
        return this.perSecond == perSecond && this.burst == burst;
    }
}
