package io.ackflow.workers.telegram.send;

import io.ackflow.schema.ConsumerGroups;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.BotDefined;
import io.ackflow.schema.view.ReferenceView;
import io.ackflow.workers.telegram.send.internal.BotDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import io.ackflow.schema.ops.ConditionalOnWorkerGroup;
import io.ackflow.workers.support.WorkerProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the sender in the workers role. The bots view is private to the sender (closed with it) rather than a shared
 * {@code ReferenceView<BotDefined>} bean, so other capabilities may keep their own without ambiguity.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TelegramSendProperties.class)
@ConditionalOnProperty(name = "ackflow.telegram.sender.enabled", havingValue = "true", matchIfMissing = true)
// The sender runs its own consumer loop, not a WorkerContainers container, so it honours --groups here.
@ConditionalOnWorkerGroup(ConsumerGroups.TELEGRAM_SENDER)
public class TelegramSenderConfiguration {

    /** The bots the sender can send as. */
    @Bean
    BotDirectory telegramSendBotDirectory(KafkaProperties kafka, TelegramSendProperties properties) {
        return new BotDirectory(new ReferenceView<>(Topics.BOTS, BotDefined.class, kafka.buildConsumerProperties()),
                properties);
    }

    @Bean
    TelegramSender telegramSender(TelegramSendProperties properties, KafkaProperties kafka, DataSource dataSource,
            BotDirectory bots, MeterRegistry registry, ObjectProvider<WorkerProperties> workers) {
        return new TelegramSender(properties,
                consumerProperties(kafka, workers.getIfAvailable(() -> new WorkerProperties(null, null, null, null, null, null, null))),
                kafka.buildProducerProperties(),
                dataSource, bots, registry, System::nanoTime, Clock.systemUTC(),
                ManagementFactory.getRuntimeMXBean().getName().replaceAll("[^A-Za-z0-9]", "-"),
                ConsumerGroups.TELEGRAM_SENDER);
    }

    /**
     * The sender's consumer settings: Spring's, with the session timeout every worker group has
     * ({@code ackflow.workers.session-timeout}, 10 s), so a dead sender's partitions move as fast as the other groups'
     * instead of after the client default of 45 s, during which a rebalance holds every sender's partitions.
     */
    static Map<String, Object> consumerProperties(KafkaProperties kafka, WorkerProperties workers) {
        Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
        long sessionMs = workers.sessionTimeout().toMillis();
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionMs);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, sessionMs / 4));
        return props;
    }
}
