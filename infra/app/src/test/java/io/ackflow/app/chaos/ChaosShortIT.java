package io.ackflow.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.app.process.AckflowJar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@code ./ackflow chaos --short --scenario kill-consumers}: one broker, PostgreSQL and one process per role as child
 * JVMs, 100 bids/s for 20 s, a workers and a persister process {@code kill -9}ed and restarted mid-load. Nothing
 * acknowledged may be lost and nothing may happen twice.
 *
 * <p>Off by default: on a shared 2-core machine the five JVMs take 1-2 minutes just to start, over the test budget.
 * Run it with {@code -Dackflow.chaos=true -Dit.test=ChaosShortIT}.
 */
@Tag("chaos")
@EnabledIfSystemProperty(named = "ackflow.chaos", matches = "true")
class ChaosShortIT {

    @Test
    @Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
    void killingBothConsumerRolesUnderLoadLosesNothingAndDoublesNothing(@TempDir Path dir) {
        ChaosOptions options = new ChaosOptions(List.of(Scenario.KILL_CONSUMERS), 100, Duration.ofSeconds(20), 42,
                true, dir);

        List<ScenarioResult> results = ChaosRun.run(AckflowJar.locate(), options, "ChaosShortIT");

        assertThat(results).hasSize(1);
        ScenarioResult r = results.get(0);
        assertThat(r.acked()).as("acknowledged requests").isGreaterThan(0);
        assertThat(r.verdict().ackedButLost()).as("acknowledged but lost: %s", r.problems()).isZero();
        assertThat(r.verdict().doubledEffects()).as("doubled effects: %s", r.problems()).isZero();
        assertThat(r.verdict().refusedWithEffect()).as("refused requests with an effect: %s", r.problems()).isZero();
        assertThat(r.verdict().quiescent()).as("quiescent").isTrue();
        assertThat(dir.resolve("report.json")).exists();
        assertThat(dir.resolve("requests-kill-consumers.jsonl")).exists();
    }
}
