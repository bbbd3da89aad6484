package io.ackflow.bench.persister;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's {@code --short} mode end to end, on the embedded broker and PostgreSQL. It checks that every phase
 * ran and that every count is exact; it asserts nothing about speed (figures come from the documented command).
 */
class PersisterBenchmarkIT {

    @BeforeAll
    static void quiet() {
        QuietLogs.apply();
    }

    @Test
    void shortRunWritesExactRowsInEveryPhase() throws Exception {
        BenchOptions options = BenchOptions.smoke();

        BenchReport report = PersisterBenchmark.run(options);

        assertThat(report.checks).filteredOn(c -> !c.ok()).isEmpty();
        assertThat(report.allChecksPassed()).isTrue();
        // COPY, one row per commit, the writer alone with and without the leaderboard index, and one pass per
        // (loops, batch size)
        assertThat(report.rows).hasSize(4 + options.loops().size() * options.batchRows().size());
        assertThat(report.markdown()).contains("- the 3× budget: ", "without the leaderboard index");
        assertThat(report.rows).allSatisfy(r -> assertThat(r.rowsPerSecond()).isPositive());
        assertThat(report.lag).isNotNull();
        assertThat(report.lag.records()).isEqualTo((long) options.lagRate() * options.lagDuration().toSeconds());
        assertThat(report.markdown()).contains("| method | rows/s | × of COPY |", "### Persist lag", "### Checks");
    }
}
