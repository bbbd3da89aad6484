package io.ackflow.bench.persister;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsAreTheIssuesWorkloadOnTheEmbeddedDatabase() {
        BenchOptions o = BenchOptions.parse(new String[0]);

        assertThat(o.events()).isEqualTo(1_000_000);
        assertThat(o.keys()).isEqualTo(500_000);
        assertThat(o.batchRows()).containsExactly(5000, 20_000);
        assertThat(o.loops()).containsExactly(1, 2);
        assertThat(o.postgresUrl()).isNull();
        assertThat(o.postgresDataDir()).isNull();
    }

    @Test
    void aGivenServerReplacesTheEmbeddedOne() {
        BenchOptions o = BenchOptions.parse(new String[] {"--short", "--postgres",
                "jdbc:postgresql://127.0.0.1:5432/bench?user=bench&password=bench", "--postgres-data-dir",
                "/var/lib/postgresql/15/main", "--loops", "2"});

        assertThat(o.postgresUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/bench?user=bench&password=bench");
        assertThat(o.postgresDataDir()).isEqualTo(Path.of("/var/lib/postgresql/15/main"));
        assertThat(o.loops()).isEqualTo(List.of(2));
        assertThat(o.events()).isEqualTo(50_000);
    }

    @Test
    void rejectsAServerThatIsNotAPostgresUrlAndADataDirectoryWithoutOne() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--postgres", "postgres://localhost/bench"}))
                .hasMessageContaining("--postgres must be a jdbc:postgresql: URL");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--postgres-data-dir", "/tmp/pg"}))
                .hasMessageContaining("--postgres-data-dir needs --postgres");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--postgres"}))
                .hasMessageContaining("missing value after --postgres");
    }
}
