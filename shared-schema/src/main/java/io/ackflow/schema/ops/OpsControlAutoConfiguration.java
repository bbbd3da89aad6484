package io.ackflow.schema.ops;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

/**
 * The ops control reader, in every process with Kafka configured ({@code ackflow.ops.control.enabled}, default true).
 * It starts only when the process holds {@link ReplayTarget} beans.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(name = "org.apache.kafka.clients.consumer.KafkaConsumer")
@ConditionalOnProperty(name = "ackflow.ops.control.enabled", havingValue = "true", matchIfMissing = true)
public class OpsControlAutoConfiguration {

    @Bean
    @ConditionalOnBean(KafkaProperties.class)
    ControlTopicReader ackflowControlTopicReader(KafkaProperties kafka, ObjectProvider<ReplayTarget> targets,
            ObjectProvider<MeterRegistry> meters) {
        return new ControlTopicReader(kafka.buildConsumerProperties(), () -> targets.orderedStream().toList(),
                meters.getIfAvailable());
    }
}
