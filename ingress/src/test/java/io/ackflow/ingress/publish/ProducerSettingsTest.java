package io.ackflow.ingress.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.ingress.IngressProperties;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {

    @Test
    void forcesDurableAcksAndBoundsEveryWaitByTheAckTimeout() {
        Map<String, Object> p = PublishConfiguration.producerSettings(
                Map.of(ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx"),
                IngressProperties.defaults());
        assertThat(p).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 1)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1000)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 999)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000L)
                .doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    }
}
