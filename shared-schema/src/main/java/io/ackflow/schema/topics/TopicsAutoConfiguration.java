package io.ackflow.schema.topics;

import java.time.Duration;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

/**
 * Provisions and checks topics while the context starts, before any listener container or producer runs (containers
 * start in a later lifecycle phase).
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(TopicProperties.class)
@ConditionalOnProperty(name = "ackflow.topics.provision", havingValue = "true", matchIfMissing = true)
public class TopicsAutoConfiguration {

    /** Marker bean; other beans may depend on it to be sure topics exist. */
    public static final class ProvisionedTopics implements InitializingBean {
        private final TopicProvisioner provisioner;

        ProvisionedTopics(TopicProvisioner provisioner) {
            this.provisioner = provisioner;
        }

        @Override
        public void afterPropertiesSet() {
            provisioner.provision();
        }
    }

    @Bean
    ProvisionedTopics ackflowProvisionedTopics(KafkaProperties kafka, TopicProperties topics) {
        return new ProvisionedTopics(new TopicProvisioner(kafka.buildAdminProperties(), topics, Duration.ofSeconds(30)));
    }
}
