package io.ackflow.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ackflow.app.cli.CliArgs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

    @Test
    void allMeansEveryScenarioAndCredentialsComeFromTheEnvironment() {
        BenchCommand.Options o = BenchCommand.parse(new String[] {"all", "--short", "--url", "http://127.0.0.1:8080"},
                Map.of("ACKFLOW_ADMIN_TOKEN", "admin-token-0123456789", "ACKFLOW_API_KEYS", "key-one,key-two"));

        assertThat(o.scenarios()).containsExactly("auction", "quiz", "trading", "bulk-save", "health");
        assertThat(o.shortRun()).isTrue();
        assertThat(o.apiKey()).isEqualTo("key-one");
        assertThat(o.adminToken()).isEqualTo("admin-token-0123456789");
    }

    @Test
    void unknownScenarioNonLoopbackUrlAndMissingCredentialsAreUsageErrors() {
        assertThatThrownBy(() -> BenchCommand.parse(new String[] {"lottery"}, Map.of()))
                .isInstanceOf(CliArgs.UsageException.class).hasMessageContaining("known: auction, quiz, trading, bulk-save, health");
        assertThatThrownBy(() -> BenchCommand.parse(new String[] {"auction", "--url", "http://example.com",
                        "--admin-token", "a", "--api-key", "k"}, Map.of()))
                .isInstanceOf(CliArgs.UsageException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> BenchCommand.parse(new String[] {"auction", "--url", "http://127.0.0.1:1"}, Map.of()))
                .isInstanceOf(CliArgs.UsageException.class).hasMessageContaining("--admin-token");
        assertThatThrownBy(() -> BenchCommand.parse(new String[] {"health"}, Map.of()))
                .isInstanceOf(CliArgs.UsageException.class).hasMessageContaining("--in-process");
        assertThatThrownBy(() -> BenchCommand.parse(new String[] {"auction", "--rate", "0"}, Map.of()))
                .isInstanceOf(CliArgs.UsageException.class).hasMessageContaining("--rate");
    }

    @Test
    void histogramQuantilesComeFromTheDifferenceOfTwoScrapes() {
        String before = """
                ackflow_persister_persist_lag_seconds_bucket{le="0.1"} 10
                ackflow_persister_persist_lag_seconds_bucket{le="0.5"} 10
                ackflow_persister_persist_lag_seconds_bucket{le="+Inf"} 10
                """;
        String after = """
                # HELP ackflow_persister_persist_lag_seconds x
                ackflow_persister_persist_lag_seconds_bucket{le="0.1"} 60
                ackflow_persister_persist_lag_seconds_bucket{le="0.5"} 109
                ackflow_persister_persist_lag_seconds_bucket{le="+Inf"} 110
                ackflow_persister_persist_lag_seconds_count 110
                """;
        var delta = Prometheus.delta(Prometheus.buckets(before, AuctionScenario.PERSIST_LAG),
                Prometheus.buckets(after, AuctionScenario.PERSIST_LAG));

        assertThat(Prometheus.count(delta)).isEqualTo(100);
        assertThat(Prometheus.quantileMillis(delta, 0.5)).isEqualTo(100);
        assertThat(Prometheus.quantileMillis(delta, 0.99)).isEqualTo(500);
    }

    @Test
    void chartIsAStandaloneSvgWithOneLinePerSeries() {
        Series s = new Series("c", "latency <ms>", "s", "ms", List.of("p50", "p99"), List.of(
                new Series.Point(0, Map.of("p50", 1.0, "p99", 3.0)),
                new Series.Point(1, Map.of("p50", 2.0, "p99", Double.NaN))));

        String svg = Report.svg(s);

        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>")
                .contains("latency &lt;ms&gt;").doesNotContain("NaN");
        assertThat(svg.split("<polyline", -1)).hasSize(3);
    }
}
