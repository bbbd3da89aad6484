package io.ackflow.persister;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PersisterPropertiesTest {

    @Test
    void defaultsAreDocumentedValues() {
        PersisterProperties p = PersisterProperties.defaults();
        assertThat(p.flushInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(p.maxBatchRows()).isEqualTo(5000);
        assertThat(p.retry().backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.retry().backoff(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(p.retry().backoff(30)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> new PersisterProperties(null, null, 0, null, null, null, null, null, null))
                .hasMessageContaining("ackflow.persister.max-batch-rows");
        assertThatThrownBy(() -> new PersisterProperties.Retry(Duration.ofSeconds(2), Duration.ofSeconds(1), null))
                .hasMessageContaining("ackflow.persister.retry.max-backoff");
    }
}
