package io.ackflow.workers.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkerPropertiesTest {

    @Test
    void defaultsRunEveryGroupWithBoundedRetry() {
        WorkerProperties p = new WorkerProperties(null, null, null, null, null, null, null);
        assertThat(p.groups()).containsExactlyInAnyOrder("bids", "orders", "quiz", "telegram-updates", "telegram-sender");
        assertThat(p.retry().maxElapsed()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> new WorkerProperties(Set.of("nope"), null, null, null, null, null, null))
                .hasMessageContaining("ackflow.workers.groups");
        assertThatThrownBy(() -> new WorkerProperties(null, 0, null, null, null, null, null))
                .hasMessageContaining("ackflow.workers.concurrency");
        assertThatThrownBy(() -> new WorkerProperties.Retry(null, null, null, Duration.ofHours(1)))
                .hasMessageContaining("ackflow.workers.retry.max-elapsed");
    }
}
