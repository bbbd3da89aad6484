package io.ackflow.ingress.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void allowsTheBurstThenRefillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(10, 5, now::get);
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.tryTake()).isZero();
        }
        assertThat(bucket.tryTake()).as("empty: wait one token's time").isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isPositive();
        now.addAndGet(TimeUnit.SECONDS.toNanos(60));
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.tryTake()).as("refill caps at the burst").isZero();
        }
        assertThat(bucket.tryTake()).isPositive();
    }

    @Test
    void burstOfTwiceTheLimitWithinOneInstantGetsHalfRefused() {
        int limit = 50;
        TokenBucket bucket = new TokenBucket(limit, limit, now::get);
        int refused = 0;
        for (int i = 0; i < 2 * limit; i++) {
            refused += bucket.tryTake() == 0 ? 0 : 1;
        }
        assertThat(refused).isEqualTo(limit);
    }

    @Test
    void retryAfterIsInWholeSecondsRoundedUp() {
        RateLimits limits = new RateLimits(now::get);
        assertThat(limits.acquire("s", 0.5, 1)).isZero();
        assertThat(limits.acquire("s", 0.5, 1)).as("one token every 2 s").isEqualTo(2);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1500));
        assertThat(limits.acquire("s", 0.5, 1)).as("0.5 s left rounds up to 1").isEqualTo(1);
        assertThat(limits.acquire("other", 0.5, 1)).as("scopes are independent").isZero();
    }

    @Test
    void changedLimitsReplaceTheBucket() {
        RateLimits limits = new RateLimits(now::get);
        assertThat(limits.acquire("s", 1, 1)).isZero();
        assertThat(limits.acquire("s", 1, 1)).isPositive();
        assertThat(limits.acquire("s", 100, 10)).isZero();
    }
}
