package io.ackflow.persister;

import static org.awaitility.Awaitility.await;

import io.ackflow.embedded.EmbeddedStack;
import io.ackflow.embedded.EmbeddedStackInitializer;
import io.ackflow.schema.EventIds;
import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Headers;
import io.ackflow.schema.Json;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.Bid;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * One Spring context for every persister IT (same properties, so it is cached), on the shared embedded stack. Records
 * are produced the way workers and ingress produce them: a plain producer, {@link Json#write}, ackflow headers.
 */
@SpringBootTest(
        classes = PersisterTestApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ackflow.security.admin-token=" + PersisterITSupport.ADMIN_TOKEN,
            "ackflow.security.api-keys=" + PersisterITSupport.CLIENT_KEY,
            "ackflow.topics.default-partitions=3",
            "ackflow.persister.flush-interval=50ms",
            "ackflow.persister.retry.initial-backoff=50ms",
            "ackflow.persister.retry.max-backoff=400ms",
            "ackflow.persister.outbox.poll-interval=100ms",
            "spring.datasource.hikari.connection-timeout=1000",
            "spring.datasource.hikari.validation-timeout=500",
            "spring.kafka.consumer.properties.session.timeout.ms=10000",
            "spring.kafka.consumer.properties.heartbeat.interval.ms=1000"
        })
@ContextConfiguration(initializers = EmbeddedStackInitializer.ForTests.class)
public abstract class PersisterITSupport {
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    public static final String CLIENT_KEY = "test-client-key-0123456789";
    protected static final Duration WAIT = Duration.ofSeconds(30);

    private static KafkaProducer<String, byte[]> producer;

    @Autowired
    protected DataSource dataSource;

    @LocalServerPort
    protected int port;

    private final HttpClient http = HttpClient.newHttpClient();

    protected JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    protected static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedStack.current().bootstrapServers());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @AfterAll
    static synchronized void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    protected static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Sends one record with the ackflow headers and waits for the broker; returns where it landed. */
    protected static RecordMetadata send(String topic, String key, Object value, String eventId, String eventType) {
        return send(topic, key, value == null ? null : Json.write(value), eventId, eventType);
    }

    protected static RecordMetadata send(String topic, String key, byte[] value, String eventId, String eventType) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, key, value);
        if (eventId != null) {
            r.headers().add(Headers.EVENT_ID, eventId.getBytes(StandardCharsets.UTF_8));
        }
        if (eventType != null) {
            r.headers().add(Headers.EVENT_TYPE, eventType.getBytes(StandardCharsets.UTF_8));
        }
        r.headers().add(Headers.INGRESS_TIME,
                Long.toString(System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8));
        try {
            return producer().send(r).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static Bid bid(String auctionId, String bidderId, String amount, String name, Instant at) {
        return new Bid(EventIds.random(at.toEpochMilli()), auctionId, bidderId, new BigDecimal(amount), name, at);
    }

    protected static RecordMetadata sendBid(Bid b) {
        return send(Topics.BIDS_ACCEPTED, b.auctionId(), b, b.eventId(), EventTypes.BID_ACCEPTED);
    }

    /** Rows of {@code bids} for an auction: bidder -> "amount|display_name|event_id". */
    protected Map<String, String> bidRows(String auctionId) {
        Map<String, String> rows = new HashMap<>();
        jdbc().query("SELECT bidder_id, amount, display_name, event_id FROM bids WHERE auction_id = ?",
                rs -> {
                    rows.put(rs.getString(1), rs.getBigDecimal(2).stripTrailingZeros().toPlainString() + "|"
                            + rs.getString(3) + "|" + rs.getString(4));
                },
                auctionId);
        return rows;
    }

    protected HttpResponse<String> get(String path, String token) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected JsonNode getJson(String path) {
        HttpResponse<String> r = get(path, CLIENT_KEY);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return Json.MAPPER.readTree(r.body());
    }

    /** Every record of {@code topic} now on the broker. */
    protected static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", EmbeddedStack.current().bootstrapServers());
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (PartitionInfo info : c.partitionsFor(topic)) {
                tps.add(new TopicPartition(topic, info.partition()));
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            await().atMost(WAIT).pollInSameThread().until(() -> {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(100))) {
                    out.add(r);
                }
                return tps.stream().allMatch(tp -> c.position(tp) >= end.get(tp));
            });
        }
        return out;
    }

    /** The end offsets of {@code topic}'s partitions. */
    protected static Map<TopicPartition, Long> endOffsets(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", EmbeddedStack.current().bootstrapServers());
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            return c.endOffsets(tps);
        }
    }
}
