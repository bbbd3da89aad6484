package io.ackflow.ingress.publish;

import io.ackflow.ingress.IngressProperties;
import io.ackflow.schema.Topics;
import io.ackflow.schema.topics.TopicsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ingress producer, its publisher, state, metrics and the {@code ingressProducer} health indicator. */
@Configuration(proxyBeanMethods = false)
class PublishConfiguration {
    /** Every topic ingress writes; the producer fetches their metadata before it reports ready. */
    static final List<String> TOPICS = List.of(
            Topics.BIDS_PLACED,
            Topics.WEBHOOKS_RECEIVED,
            Topics.QUIZ_ANSWERS,
            Topics.TELEGRAM_UPDATES,
            Topics.TELEGRAM_OUTBOUND,
            Topics.AUCTIONS,
            Topics.SOURCES,
            Topics.ACCOUNTS,
            Topics.QUIZZES,
            Topics.BOTS);

    @Bean(destroyMethod = "close")
    Producer<String, byte[]> ingressKafkaProducer(
            KafkaProperties kafka,
            IngressProperties props,
            ObjectProvider<TopicsAutoConfiguration.ProvisionedTopics> topics) {
        topics.getIfAvailable(); // topics exist before the producer asks for their metadata
        return new KafkaProducer<>(producerSettings(kafka.buildProducerProperties(), props), new StringSerializer(),
                new ByteArraySerializer());
    }

    /**
     * The forced settings: durable acknowledgement ({@code acks=all}, idempotence) and bounded waits, so a dead broker
     * yields an answer within {@code ack-timeout}. {@code delivery.timeout.ms} equals the ack timeout: a record that
     * was answered 503 is not retried into the log afterwards by the producer.
     */
    static Map<String, Object> producerSettings(Map<String, Object> base, IngressProperties props) {
        Map<String, Object> p = new java.util.HashMap<>(base);
        long ackTimeout = props.ackTimeout().toMillis();
        long linger = props.linger().toMillis();
        p.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ackTimeout);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (ackTimeout - linger));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ackTimeout);
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        // topics ingress writes stay in the metadata cache, so send() never blocks to refetch them after idling
        p.put(ProducerConfig.METADATA_MAX_IDLE_CONFIG, (int) Duration.ofDays(1).toMillis());
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "ackflow-ingress");
        return p;
    }

    @Bean
    ProducerState ingressProducerState() {
        return new ProducerState(Clock.systemUTC());
    }

    @Bean
    IngressMetrics ingressMetrics(MeterRegistry registry) {
        return new IngressMetrics(registry);
    }

    @Bean
    EventPublisher eventPublisher(
            Producer<String, byte[]> producer, IngressMetrics metrics, ProducerState state, IngressProperties props) {
        return new EventPublisher(producer, metrics, state, props.maxInFlight(), props.ackTimeout().toMillis());
    }

    /** Named {@code ingressProducer}: the {@code ready} health group includes it by that name. */
    @Bean("ingressProducer")
    ProducerHealth ingressProducer(
            Producer<String, byte[]> producer, ProducerState state, KafkaProperties kafka, IngressProperties props) {
        ProducerHealth health = new ProducerHealth(producer, state, TOPICS, kafka.buildAdminProperties(),
                props.healthProbeInterval(), props.healthProbeTimeout());
        if (!health.awaitWarmUp(Duration.ofSeconds(10))) {
            org.slf4j.LoggerFactory.getLogger(PublishConfiguration.class)
                    .warn("Ingress producer not warmed up after 10s; readiness stays down until it is");
        }
        return health;
    }
}
