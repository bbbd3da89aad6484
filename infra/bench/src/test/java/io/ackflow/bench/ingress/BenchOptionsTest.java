package io.ackflow.bench.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsMatchTheIssue() {
        BenchOptions o = BenchOptions.parse(new String[0]);

        assertThat(o.rates()).containsExactly(1000.0, 5000.0);
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.warmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.targets()).containsExactly(Target.values());
        assertThat(o.rounds()).isEqualTo(1);
    }

    @Test
    void roundsAreBounded() {
        assertThat(BenchOptions.parse(new String[] {"--rounds=3"}).rounds()).isEqualTo(3);
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rounds", "0"})).hasMessageContaining("--rounds");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rounds", "many"}))
                .hasMessageContaining("--rounds");
    }

    @Test
    void shortRunsLowRatesBriefly() {
        BenchOptions o = BenchOptions.parse(new String[] {"--short", "--targets", "baselines"});

        assertThat(o.rates()).containsExactly(500.0);
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(o.targets()).doesNotContain(Target.ACKFLOW_BIDS, Target.ACKFLOW_WEBHOOKS);
    }

    @Test
    void explicitValuesWinOverShort() {
        BenchOptions o = BenchOptions.parse(new String[] {"--short", "--rates", "100,200", "--duration", "1.5s",
                "--targets", "naive-linger1,ackflow-bids", "--ackflow-arg", "--a.b=c"});

        assertThat(o.rates()).containsExactly(100.0, 200.0);
        assertThat(o.duration()).isEqualTo(Duration.ofMillis(1500));
        assertThat(o.targets()).isEqualTo(List.of(Target.NAIVE_LINGER1, Target.ACKFLOW_BIDS));
        assertThat(o.ackflowArgs()).containsExactly("--a.b=c");
    }

    @Test
    void acceptsNameEqualsValueAndPassesAckflowArgumentsThrough() {
        BenchOptions o = BenchOptions.parse(new String[] {"--rates=2000", "--ackflow-arg=--x.limit=9000",
                "--ackflow-arg", "--y.z=1", "--warmup=0s"});

        assertThat(o.rates()).containsExactly(2000.0);
        assertThat(o.ackflowArgs()).containsExactly("--x.limit=9000", "--y.z=1");
        assertThat(o.warmup()).isZero();
    }

    @Test
    void badValuesNameTheOption() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--duration", "soon"}))
                .hasMessageContaining("--duration");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rates", "0"})).hasMessageContaining("--rates");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rates", "x"})).hasMessageContaining("--rates");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--connections"}))
                .hasMessageContaining("--connections needs a value");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--targets", "nope"}))
                .hasMessageContaining("unknown target");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--heap", "lots"})).hasMessageContaining("--heap");
    }
}
