package io.ackflow.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class IngressPropertiesTest {

    @Test
    void defaults() {
        IngressProperties p = IngressProperties.defaults();
        assertThat(p.ackTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.linger()).isEqualTo(Duration.ofMillis(1));
        assertThat(p.maxInFlight()).isEqualTo(4096);
        assertThat(p.maxBodySize()).isEqualTo(DataSize.ofKilobytes(64));
        assertThat(p.webhookTolerance()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.clientRateLimit().perSecond()).isEqualTo(1000.0);
        assertThat(p.sourceRateLimit().burst()).isEqualTo(200);
    }

    @Test
    void badValuesFailNamingTheKey() {
        assertThatThrownBy(() -> new IngressProperties(Duration.ofMillis(10), null, null, null, null, null, null, null,
                null, null, null)).hasMessageContaining("ackflow.ingress.ack-timeout");
        assertThatThrownBy(() -> new IngressProperties(null, null, 0, null, null, null, null, null, null, null, null))
                .hasMessageContaining("ackflow.ingress.max-in-flight");
        assertThatThrownBy(() -> new IngressProperties(null, null, null, DataSize.ofMegabytes(2), null, null, null,
                null, null, null, null)).hasMessageContaining("ackflow.ingress.max-body-size");
        assertThatThrownBy(() -> new IngressProperties(null, null, null, null, null,
                new IngressProperties.RateLimit(0.0, 10), null, null, null, null, null))
                .hasMessageContaining("ackflow.ingress.client-rate-limit.per-second");
    }
}
