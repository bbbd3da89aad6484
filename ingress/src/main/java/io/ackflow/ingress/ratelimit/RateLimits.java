package io.ackflow.ingress.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One {@link TokenBucket} per scope ({@code source:<id>}, {@code client:<key id>}). A bucket is replaced when its
 * limits change (a source redefined with a new {@code rate_limit}). Buckets live in this process only: with N ingress
 * instances behind a balancer, each allows the configured rate, so divide by N when that matters.
 */
public final class RateLimits {
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimits(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Takes a token from the scope's bucket. Returns 0 when allowed, else the whole seconds to wait (at least 1). */
    public long acquire(String scope, double perSecond, int burst) {
        TokenBucket bucket = buckets.get(scope);
        if (bucket == null || !bucket.sameLimits(perSecond, burst)) {
            bucket = buckets.compute(scope, (k, b) ->
                    b != null && b.sameLimits(perSecond, burst) ? b : new TokenBucket(perSecond, burst, nanoClock));
        }
        long waitNanos = bucket.tryTake();
        if (waitNanos == 0) {
            return 0;
        }
        return Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }
}
