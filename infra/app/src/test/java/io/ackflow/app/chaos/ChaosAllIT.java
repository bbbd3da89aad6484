package io.ackflow.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.app.process.AckflowJar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@code ./ackflow chaos --scenario all --rate 100 --duration 45s}: three brokers, two processes per role, every fault
 * family one after the other. About 20 minutes on the 2-core build machine, so off by default: run it with
 * {@code ./mvnw -B verify -pl infra/app -am -Dit.test=ChaosAllIT -Dackflow.chaos=true}. The report goes to
 * {@code infra/app/target/chaos/it}.
 */
@Tag("chaos")
@EnabledIfSystemProperty(named = "ackflow.chaos", matches = "true")
class ChaosAllIT {

    @Test
    @Timeout(value = 40, unit = TimeUnit.MINUTES)
    void everyFaultFamilyKeepsEveryPromise() {
        Path dir = Path.of("target", "chaos", "it").toAbsolutePath();
        ChaosOptions options = new ChaosOptions(Scenario.parse("all"), 100, Duration.ofSeconds(45), 2026, false, dir);

        assertThat(ChaosRun.run(AckflowJar.locate(), options, "ChaosAllIT"))
                .hasSize(Scenario.parse("all").size())
                .allSatisfy(r -> assertThat(r.problems()).as(r.scenario()).isEmpty());
    }
}
