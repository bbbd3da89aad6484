package io.ackflow.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ackflow.app.cli.CliArgs;
import io.ackflow.app.sweep.SecretScan;
import io.ackflow.app.sweep.SweepResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@code ./ackflow chaos} selects the bad-input and security sweep, and how the report shows it. */
class SweepOptionsTest {

    @Test
    void theSweepFollowsTheScenariosUnlessNoSweep() {
        assertThat(ChaosOptions.parse(new String[] {"--scenario", "poison"}).sweep()).isTrue();
        assertThat(ChaosOptions.parse(new String[] {"--scenario", "poison", "--no-sweep"}).sweep()).isFalse();
    }

    @Test
    void scenarioNoneRunsOnlyTheSweep() {
        ChaosOptions o = ChaosOptions.parse(new String[] {"--short", "--scenario", "none"});
        assertThat(o.scenarios()).isEmpty();
        assertThat(o.sweep()).isTrue();
        assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--scenario", "none", "--no-sweep"}))
                .isInstanceOf(CliArgs.UsageException.class).hasMessageContaining("nothing to run");
    }

    @Test
    void theConstructorWithoutTheFlagLeavesTheSweepOut() {
        assertThat(new ChaosOptions(List.of(Scenario.KILL_CONSUMERS), 100, Duration.ofSeconds(20), 42, true,
                Path.of("x")).sweep()).isFalse();
    }

    @Test
    void theReportShowsTheSweepFiguresAndFailsOnAProblem() {
        ChaosOptions o = ChaosOptions.parse(new String[] {"--short", "--scenario", "none", "--seed", "3"});
        SweepResult failed = new SweepResult("sweep-ab", 1200, Map.of("400", 1199L, "500", 1L), 1, 0, 0, 0, 12, 0,
                14, 14, true, true, true, true, new SecretScan.Result(1300, 900_000, 11, 0, List.of()), 9000,
                List.of("#7 ingress-1 POST /v1/x [body: number 1e2147483648] -> 500, expected 4xx"));

        String md = ChaosReport.markdown(o, "cmd", List.of(), failed);

        assertThat(md).contains("## Bad-input and security sweep").contains("| 1200 | **1** |").contains("14/14")
                .contains("| FAIL |").contains("-> 500");
        assertThat(new ChaosRun.Outcome(List.of(), failed).passed()).isFalse();
    }
}
