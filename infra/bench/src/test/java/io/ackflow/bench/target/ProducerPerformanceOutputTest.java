package io.ackflow.bench.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.bench.load.Measurement;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProducerPerformanceOutputTest {

    @Test
    void prefersTheSteadyStateSummary() {
        List<String> lines = List.of(
                "Warmup first 5000 records. Steady state results will print after the complete test summary.",
                "In steady state.",
                "5000 records sent, 1000.0 records/sec (0.24 MB/sec), 10.8 ms avg latency, 74.0 ms max latency.",
                "15000 records sent, 992.063492 records/sec (0.24 MB/sec), 49.37 ms avg latency, 1840.00 ms max latency,"
                        + " 11 ms 50th, 227 ms 95th, 304 ms 99th, 347 ms 99.9th.",
                "10000 steady state records sent, 982.897582 records/sec (0.23 MB/sec), 10.61 ms avg latency,"
                        + " 220.00 ms max latency, 4 ms 50th, 40 ms 95th, 73 ms 99th, 213 ms 99.9th.");

        Measurement m = ProducerPerformanceOutput.parse("pp", 1000, lines).orElseThrow();

        assertThat(m.p50Ms()).isEqualTo(4);
        assertThat(m.p99Ms()).isEqualTo(73);
        assertThat(m.p999Ms()).isEqualTo(213);
        assertThat(m.maxMs()).isEqualTo(220);
        assertThat(m.achievedPerSecond()).isEqualTo(982.897582);
        assertThat(m.notes()).contains("steady state");
    }

    @Test
    void fallsBackToTheWholeRunAndReportsNothingWithoutASummary() {
        String whole = "3000 records sent, 999.0 records/sec (0.24 MB/sec), 1.2 ms avg latency, 9.00 ms max latency,"
                + " 1 ms 50th, 2 ms 95th, 3 ms 99th, 8 ms 99.9th.";

        assertThat(ProducerPerformanceOutput.parse("pp", 1000, List.of(whole)).orElseThrow().p99Ms()).isEqualTo(3);
        assertThat(ProducerPerformanceOutput.parse("pp", 1000, List.of("Exception in thread main"))).isEmpty();
    }

    @Test
    void measurementLinesRoundTrip() {
        Measurement m = new Measurement("raw producer, linger 0", 1000, 0.8, 4.2, 9.9, 12.5, 2, "{io=2}", 998.5,
                0.1, 0.4, "producer CPU 0.05 ms/record");

        Measurement back = Measurement.parseLine(m.toLine());

        assertThat(back.target()).isEqualTo(m.target());
        assertThat(back.p99Ms()).isEqualTo(4.2);
        assertThat(back.errors()).isEqualTo(2);
        assertThat(back.errorDetail()).isEqualTo("{io=2}");
        assertThat(back.notes()).isEqualTo(m.notes());
    }
}
