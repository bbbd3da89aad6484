package io.ackflow.persister;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PersisterPropertiesTest {

    @Test
    void defaultsAreDocumentedValues() {
        PersisterProperties p = PersisterProperties.defaults();
        assertThat(p.flushInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(p.maxBatchRows()).isEqualTo(5000);
        assertThat(p.loops()).isEqualTo(2);
        assertThat(p.retry().backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.retry().backoff(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(p.retry().backoff(30)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> new PersisterProperties(null, null, null, 0, null, null, null, null, null, null))
                .hasMessageContaining("ackflow.persister.max-batch-rows");
        assertThatThrownBy(() -> new PersisterProperties(null, 17, null, null, null, null, null, null, null, null))
                .hasMessageContaining("ackflow.persister.loops");
        assertThatThrownBy(() -> new PersisterProperties.Retry(Duration.ofSeconds(2), Duration.ofSeconds(1), null))
                .hasMessageContaining("ackflow.persister.retry.max-backoff");
    }

    @Test
    void aPoolTooSmallForTheLoopsStopsTheProcessNamingBothKeys() {
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setMaximumPoolSize(4);
            PersisterAutoConfiguration.requirePoolFor(2, pool);
            assertThatThrownBy(() -> PersisterAutoConfiguration.requirePoolFor(3, pool))
                    .hasMessageContaining("ackflow.persister.loops=3")
                    .hasMessageContaining("spring.datasource.hikari.maximum-pool-size is 4");
        }
    }
}
