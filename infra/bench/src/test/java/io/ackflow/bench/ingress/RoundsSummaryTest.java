package io.ackflow.bench.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.bench.load.Measurement;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundsSummaryTest {

    private static RoundsSummary.Step step(int round, Target target, double rate, double p99) {
        return new RoundsSummary.Step(round, target, new Measurement(target.label, rate, 1.0, p99, p99 * 2, p99 * 3,
                0, "", rate, 0.5, 1.0, ""));
    }

    @Test
    void ratiosAreTakenWithinARoundThenTheirMedian() {
        String table = RoundsSummary.table(List.of(
                step(1, Target.RAW_LINGER1, 5000, 5.0),
                step(1, Target.ACKFLOW_BIDS, 5000, 15.0), // 3.00 in a round where the floor was low
                step(2, Target.RAW_LINGER1, 5000, 10.0),
                step(2, Target.ACKFLOW_BIDS, 5000, 15.0), // 1.50
                step(3, Target.RAW_LINGER1, 5000, 8.0),
                step(3, Target.ACKFLOW_BIDS, 5000, 12.0))); // 1.50

        assertThat(table).contains("| " + Target.ACKFLOW_BIDS.label + " | 5000 | 3 | 15.0, 15.0, 12.0 | 1.00 | 15.0 | "
                + "30.0 | 0 | 3.00, 1.50, 1.50 | 1.50 |");
        assertThat(table).contains("| " + Target.RAW_LINGER1.label + " | 5000 | 3 | 5.00, 10.0, 8.00 | 1.00 | 8.00 | "
                + "16.0 | 0 | (the floor) | n/a |");
    }

    @Test
    void failedStepsAreCountedButLeftOutOfTheMedians() {
        String table = RoundsSummary.table(List.of(
                step(1, Target.RAW_LINGER1, 1000, 4.0),
                new RoundsSummary.Step(1, Target.ACKFLOW_BIDS, Measurement.failed("x", 1000, "boom")),
                step(2, Target.RAW_LINGER1, 1000, 4.0),
                step(2, Target.ACKFLOW_BIDS, 1000, 6.0)));

        assertThat(table).contains("| 1000 | 1 (1 failed) | 6.00 | 1.00 | 6.00 | 12.0 | 0 | 1.50 | 1.50 |");
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(RoundsSummary.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(RoundsSummary.median(List.of(Double.NaN, 7.0))).isEqualTo(7.0);
        assertThat(RoundsSummary.median(List.of())).isNaN();
    }
}
