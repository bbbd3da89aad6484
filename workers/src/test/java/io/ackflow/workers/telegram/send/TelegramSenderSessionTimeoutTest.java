package io.ackflow.workers.telegram.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.workers.support.WorkerProperties;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

class TelegramSenderSessionTimeoutTest {

    @Test
    void theSenderUsesTheWorkersSessionTimeoutNotTheClientDefault() {
        WorkerProperties workers = new WorkerProperties(null, null, null, Duration.ofSeconds(12), null, null, null);

        Map<String, Object> props = TelegramSenderConfiguration.consumerProperties(new KafkaProperties(), workers);

        assertThat(props).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 12_000)
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
    }
}
