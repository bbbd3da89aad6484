package io.ackflow.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.app.ops.lag.LagSample;
import io.ackflow.app.ops.lag.LagTracker;
import io.ackflow.app.ops.lag.PartitionLag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagTrackerTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private final LagTracker tracker = new LagTracker(Duration.ofSeconds(60), Duration.ofMinutes(1));

    private PartitionLag at(long seconds, long committed, long end) {
        return tracker.update(List.of(new LagSample("g", "t", 0, committed, end, null, null,
                T0.plusSeconds(seconds)))).get(0);
    }

    @Test
    void rateAndDrainComeFromSuccessiveSamples() {
        assertThat(at(0, 100, 1100).consumeRate()).isNull();
        PartitionLag l = at(10, 600, 1200); // consumed 500 in 10 s, produced 100
        assertThat(l.consumeRate()).isEqualTo(50.0);
        assertThat(l.produceRate()).isEqualTo(10.0);
        assertThat(l.drainSeconds()).isEqualTo(600 / 40.0);
    }

    @Test
    void notDrainingWhenProducersOutpaceTheGroup() {
        at(0, 0, 100);
        PartitionLag l = at(10, 10, 300);
        assertThat(l.drainSeconds()).isNull();
    }

    @Test
    void stalledOnlyAfterLagHasSatStillForTheThreshold() {
        assertThat(at(0, 5, 5).stalled()).isFalse();
        assertThat(at(120, 5, 5).stalled()).isFalse(); // idle, no lag
        assertThat(at(130, 5, 6).stalled()).isFalse(); // lag just appeared
        assertThat(at(180, 5, 6).stalled()).isFalse();
        assertThat(at(190, 5, 6).stalled()).isTrue();
        assertThat(at(200, 6, 7).stalled()).isFalse(); // moved again
    }
}
