package io.ackflow.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ackflow.app.cli.CliArgs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosOptionsTest {

    @Test
    void shortRunDefaultsToOneBrokerAndOneProcessPerRole() {
        ChaosOptions o = ChaosOptions.parse(new String[] {"--short", "--scenario", "kill-workers", "--seed", "7"});
        assertThat(o.brokers()).isEqualTo(1);
        assertThat(o.perRole()).isEqualTo(1);
        assertThat(o.rate()).isEqualTo(50);
        assertThat(o.seed()).isEqualTo(7);
        assertThat(o.scenarios()).containsExactly(Scenario.KILL_WORKERS);
        assertThat(o.reportDir().toString()).endsWith("target/chaos/7");
    }

    @Test
    void fullRunHasThreeBrokersTwoProcessesPerRoleAndEveryFamily() {
        ChaosOptions o = ChaosOptions.parse(new String[] {"--rate", "150", "--duration", "2m", "--seed", "1"});
        assertThat(o.brokers()).isEqualTo(3);
        assertThat(o.perRole()).isEqualTo(2);
        assertThat(o.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.scenarios()).hasSize(8).contains(Scenario.FAKE_FAULTS)
                .doesNotContain(Scenario.KILL_CONSUMERS, Scenario.MIXED);
    }

    @Test
    void defaultRunIsEveryFamilyAt100PerSecondFor20SecondsEach() {
        // measured at 480 s in all on a 2-core machine (docs/reliability.md); the bound is 10 minutes
        ChaosOptions o = ChaosOptions.parse(new String[] {"--seed", "1"});
        assertThat(o.scenarios()).hasSize(8);
        assertThat(o.rate()).isEqualTo(100);
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(o.sweep()).isTrue();
    }

    @Test
    void unknownScenarioAndBadValuesAreUsageErrorsNamingTheOption() {
        assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--scenario", "nope"}))
                .isInstanceOf(CliArgs.UsageException.class).hasMessageContaining("kill-broker");
        assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--duration", "soon"}))
                .isInstanceOf(CliArgs.UsageException.class).hasMessageContaining("--duration");
        assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--rate", "0"}))
                .isInstanceOf(CliArgs.UsageException.class).hasMessageContaining("--rate");
        assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--bogus", "1"}))
                .isInstanceOf(CliArgs.UsageException.class).hasMessageContaining("--bogus");
    }

    @Test
    void percentileIsNearestRank() {
        assertThat(ChaosRun.percentile(List.of(1.0, 2.0, 3.0, 4.0), 0.5)).isEqualTo(2.0);
        assertThat(ChaosRun.percentile(List.of(1.0, 2.0, 3.0, 4.0), 0.99)).isEqualTo(4.0);
        assertThat(ChaosRun.percentile(List.of(), 0.99)).isNaN();
    }

    @Test
    void a503FromAnAckTimeoutIsUncertainButOverloadedIsRefused() {
        RequestRecord timeout = record(503, RequestRecord.UNAVAILABLE);
        RequestRecord overloaded = record(503, RequestRecord.OVERLOADED);
        assertThat(timeout.uncertain()).isTrue();
        assertThat(overloaded.refused()).isTrue();
        assertThat(record(429, null).refused()).isTrue();
        assertThat(record(0, "java.net.ConnectException").uncertain()).isTrue();
        assertThat(record(202, null).acked()).isTrue();
    }

    @Test
    void aTelegramUpdateIsAcknowledgedWithA200() {
        RequestRecord update = Records.telegram(1, "/start", null, "7", 200);
        assertThat(update.acked()).isTrue();
        assertThat(Records.bid(1, "a", "b", "1.00", 200).acked()).isFalse();
    }

    private static RequestRecord record(int status, String error) {
        return new RequestRecord("s", 1, "bid", "a", "b", null, "1.00", "k", "e", null, -1, "ingress-1", 1, 0, 1,
                status, null, error);
    }
}
