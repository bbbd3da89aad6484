package io.ackflow.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimedFaultsTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final TimedFaults faults = new TimedFaults(now::get);

    @Test
    void aFailureWindowAnswersUntilItsDeadlineThenRecovers() {
        faults.fail(503, Duration.ofSeconds(5));

        assertThat(faults.failure()).contains(new TimedFaults.Failure(503, 0));
        now.addAndGet(Duration.ofMillis(4_999).toNanos());
        assertThat(faults.failure()).isPresent();
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(faults.failure()).isEmpty();
    }

    @Test
    void aRateLimitWindowCarriesItsRetryAfter() {
        faults.rateLimit(3, Duration.ofSeconds(2));

        assertThat(faults.failure()).contains(new TimedFaults.Failure(429, 3));
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(faults.failure()).isEmpty();
    }

    @Test
    void latencyIsAddedOnlyDuringTheSlowWindow() {
        faults.slow(Duration.ofMillis(800), Duration.ofSeconds(6));

        assertThat(faults.latency()).isEqualTo(Duration.ofMillis(800));
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(faults.latency()).isZero();
    }

    @Test
    void slownessAndFailuresAreIndependentAndClearDropsBoth() {
        faults.slow(Duration.ofMillis(100), Duration.ofSeconds(10));
        faults.fail(502, Duration.ofSeconds(1));
        now.addAndGet(Duration.ofSeconds(2).toNanos());

        assertThat(faults.failure()).isEmpty();
        assertThat(faults.latency()).isEqualTo(Duration.ofMillis(100));
        faults.clear();
        assertThat(faults.latency()).isZero();
    }

    @Test
    void badValuesFailFast() {
        assertThatThrownBy(() -> faults.fail(404, Duration.ofSeconds(1))).hasMessageContaining("5xx");
        assertThatThrownBy(() -> faults.rateLimit(0, Duration.ofSeconds(1))).hasMessageContaining("retry-after");
        assertThatThrownBy(() -> faults.fail(500, Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> faults.slow(Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("positive");
    }
}
