package io.ackflow.workers;

import static org.awaitility.Awaitility.await;

import io.ackflow.embedded.EmbeddedStackInitializer;
import io.ackflow.schema.EventIds;
import io.ackflow.schema.Headers;
import io.ackflow.schema.Json;
import io.ackflow.schema.RecordHeaders;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.EventOutcome;
import io.ackflow.schema.topics.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one context every workers IT shares (same configuration, so Spring caches it), and the helpers to produce
 * inputs exactly as ingress does ({@code Json.write(record)} plus event id, type and ingress time headers) and read
 * the outputs.
 */
@SpringBootTest(
        classes = WorkersTestApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "ackflow.security.admin-token=test-admin-token-0123456789",
            "ackflow.security.api-keys=test-client-key-0123456789",
            "ackflow.instance-id=it-${random.uuid}",
            "ackflow.workers.retry.max-elapsed=2s",
            "ackflow.workers.retry.initial-interval=100ms",
            "ackflow.workers.retry.max-interval=500ms",
            "ackflow.workers.quiz.close-check-interval=200ms",
            "ackflow.workers.orders.quotes.MSFT=400",
            "ackflow.topics.default-partitions=3"
        })
@ContextConfiguration(initializers = EmbeddedStackInitializer.ForTests.class)
abstract class WorkersITBase {
    static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaProducer<String, byte[]> producer;
    static TopicTap tap;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @BeforeEach
    void connect() {
        synchronized (WorkersITBase.class) {
            if (producer == null) {
                producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                        new StringSerializer(), new ByteArraySerializer());
                List<String> topics = new ArrayList<>(TopicCatalog.streamTopics());
                TopicCatalog.streamTopics().forEach(t -> topics.add(Topics.dlt(t)));
                tap = new TopicTap(bootstrap, topics);
            }
        }
    }

    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    static String newEventId() {
        return EventIds.random(System.currentTimeMillis());
    }

    /** Publishes like ingress: the JSON value with event id, type and ingress time headers; waits for the ack. */
    static void send(String topic, String key, Object value, String eventType, String eventId) {
        sendRaw(topic, key, value == null ? null : Json.write(value), eventType, eventId);
    }

    static void sendRaw(String topic, String key, byte[] value, String eventType, String eventId) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, key, value);
        if (eventId != null) {
            RecordHeaders.put(r.headers(), Headers.EVENT_ID, eventId);
        }
        if (eventType != null) {
            RecordHeaders.put(r.headers(), Headers.EVENT_TYPE, eventType);
        }
        RecordHeaders.put(r.headers(), Headers.INGRESS_TIME, Long.toString(Instant.now().toEpochMilli()));
        try {
            producer.send(r).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Defines reference data (compacted topic, key = id). */
    static void define(String topic, String key, Object value) {
        send(topic, key, value, null, null);
    }

    /** Waits for the final outcome of {@code eventId}. */
    static EventOutcome outcome(String eventId) {
        return await().atMost(WAIT).until(() -> outcomes(eventId), l -> !l.isEmpty()).get(0);
    }

    static List<EventOutcome> outcomes(String eventId) {
        return tap.values(Topics.EVENT_OUTCOMES, EventOutcome.class, o -> eventId.equals(o.eventId()));
    }
}
