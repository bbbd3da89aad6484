package io.ackflow.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.app.process.AckflowJar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ackflow chaos --short --scenario mixed --rate 50 --duration 30s}, in the test command: one broker,
 * PostgreSQL, an ingress process and a workers+persister process as child JVMs; the whole request mix (bids, signed
 * trading webhooks, quiz answers, Telegram updates, repeats and second answers); poison in every consumed topic, the
 * fake Telegram API and order gateway slow, failing and rate-limiting, then a broker and the workers process
 * {@code kill -9}ed together. Every acknowledged request takes effect exactly once, refused ones never, and only the
 * poison is dead-lettered. About 2 minutes on the shared 2-core build machine (docs/reliability.md).
 */
class ChaosShortIT {

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void theWholeRequestMixKeepsEveryPromiseThroughFakeFaultsPoisonAndKills(@TempDir Path dir) {
        ChaosOptions options = new ChaosOptions(List.of(Scenario.MIXED), 50, Duration.ofSeconds(30), 42, true, dir);

        List<ScenarioResult> results = ChaosRun.run(AckflowJar.locate(), options, "ChaosShortIT");

        assertThat(results).hasSize(1);
        ScenarioResult r = results.get(0);
        Checker.Verdict v = r.verdict();
        assertThat(v.kinds()).extracting(Checker.KindVerdict::kind)
                .containsExactly("bid", "webhook", "quiz-answer", "telegram-update");
        assertThat(v.kinds()).allSatisfy(k -> assertThat(k.acked()).as("%s acknowledged", k.kind()).isPositive());
        assertThat(v.ackedButLost()).as("acknowledged but lost: %s", r.problems()).isZero();
        assertThat(v.doubledEffects()).as("doubled effects: %s", r.problems()).isZero();
        assertThat(v.wrongEffects()).as("wrong effects: %s", r.problems()).isZero();
        assertThat(v.refusedWithEffect()).as("refused requests with an effect: %s", r.problems()).isZero();
        assertThat(v.quiescent()).as("quiescent").isTrue();
        assertThat(v.poisonInDlt()).as("poison records dead-lettered").isEqualTo(v.poisonExpected())
                .isEqualTo(DeadLetterCheck.CONSUMER.size());
        assertThat(v.otherDeadLetters()).as("other dead letters: %s", r.problems()).isZero();
        assertThat(r.problems()).isEmpty();
        assertThat(dir.resolve("report.json")).exists();
        assertThat(dir.resolve("report.md")).content().contains("| mixed | telegram-update |");
        assertThat(dir.resolve("requests-mixed.jsonl")).exists();
    }
}
