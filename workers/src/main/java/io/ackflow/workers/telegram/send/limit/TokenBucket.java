package io.ackflow.workers.telegram.send.limit;

import java.util.function.LongSupplier;

/**
 * A token bucket: refills continuously at {@link Config#permitsPerSecond()} up to {@link Config#burst()} permits, and
 * starts full. Time comes from an injected nano clock, so tests step it instead of sleeping. Thread-safe.
 */
public final class TokenBucket {

    /**
     * An immutable, validated configuration.
     *
     * @param permitsPerSecond steady rate, finite and positive
     * @param burst how many permits may be taken at once after a quiet spell; at least 1
     */
    public record Config(double permitsPerSecond, double burst) {
        public Config {
            if (!Double.isFinite(permitsPerSecond) || permitsPerSecond <= 0) {
                throw new IllegalArgumentException("permitsPerSecond must be finite and positive, got " + permitsPerSecond);
            }
            if (!Double.isFinite(burst) || burst < 1) {
                throw new IllegalArgumentException("burst must be finite and at least 1, got " + burst);
            }
        }

        public static Config perSecond(double permits, double burst) {
            return new Config(permits, burst);
        }

        public static Config perMinute(double permits, double burst) {
            return new Config(permits / 60.0, burst);
        }

        /** Nanoseconds one permit takes to refill. */
        public double nanosPerPermit() {
            return 1e9 / permitsPerSecond;
        }
    }

    private final String name;
    private final LongSupplier nanoClock;
    private Config config;
    private double tokens;
    private long refilledAt;

    public TokenBucket(String name, Config config, LongSupplier nanoClock) {
        this.name = name;
        this.config = config;
        this.nanoClock = nanoClock;
        this.tokens = config.burst();
        this.refilledAt = nanoClock.getAsLong();
    }

    /** Nanoseconds until a permit is available; 0 when one is available now. Takes nothing. */
    public synchronized long nanosUntilPermit() {
        refill();
        if (tokens >= 1) {
            return 0;
        }
        return (long) Math.ceil((1 - tokens) * config.nanosPerPermit());
    }

    /** Takes a permit if one is available now. */
    public synchronized boolean tryAcquire() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Takes a permit or throws {@link RequestNotPermitted} with the time until one is available. */
    public synchronized void acquirePermission() {
        if (!tryAcquire()) {
            throw new RequestNotPermitted(name, nanosUntilPermit());
        }
    }

    /** Empties the bucket, e.g. after the server said we went too fast. */
    public synchronized void drain() {
        refill();
        tokens = Math.min(tokens, 0);
    }

    /** Applies a new rate; permits already accrued are kept up to the new burst. */
    public synchronized void reconfigure(Config newConfig) {
        refill();
        config = newConfig;
        tokens = Math.min(tokens, newConfig.burst());
    }

    public synchronized Config config() {
        return config;
    }

    /** True when the bucket is full: forgetting it changes nothing. */
    public synchronized boolean isFull() {
        refill();
        return tokens >= config.burst();
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        long elapsed = now - refilledAt;
        if (elapsed > 0) {
            tokens = Math.min(config.burst(), tokens + elapsed / config.nanosPerPermit());
            refilledAt = now;
        }
    }

    @Override
    public String toString() {
        return name + config;
    }
}
