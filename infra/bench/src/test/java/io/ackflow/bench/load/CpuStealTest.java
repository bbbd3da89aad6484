package io.ackflow.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CpuStealTest {

    @Test
    void shareIsStealOverAllTicksBetweenTwoReadings() {
        Optional<CpuSteal> before = CpuSteal.parse("cpu  1000 0 200 5000 10 0 40 100 0 0");
        Optional<CpuSteal> after = CpuSteal.parse("cpu  1400 0 300 5400 10 0 50 150 0 0");

        // +400 user +100 system +400 idle +10 softirq +50 steal = 960 ticks, 50 of them stolen
        assertThat(after.get().shareSince(before.get())).isCloseTo(50 / 960.0, within(1e-9));
        assertThat(CpuSteal.note(before, after)).isEqualTo("hypervisor steal 5.2%");
    }

    @Test
    void unreadableCountersGiveNoNote() {
        assertThat(CpuSteal.parse("intr 1 2 3")).isEmpty();
        assertThat(CpuSteal.note(Optional.empty(), CpuSteal.parse("cpu 1 2 3 4 5 6 7 8"))).isEmpty();
    }
}
