package io.ackflow.app.sweep.internal;

import io.ackflow.schema.Headers;
import io.ackflow.schema.RecordHeaders;
import io.ackflow.schema.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads what was published to the topics ingress (and {@code POST /ops/replay}) write, between two sets of end
 * offsets, and keeps the records that carry a marker in their key, a header or their value.
 *
 * <p>Why a marker and not a count: other things may write those topics while the sweep runs (the tail of a chaos
 * load, workers sending Telegram messages), so an unchanged end offset is not something to wait for. Every id the
 * sweep uses contains the marker, and every record ingress writes carries its target id in its key, its
 * {@code ackflow-source} header or its value; so a record published for a sweep request carries the marker, and
 * nothing else does. The window is sound because ingress answers only after the broker has the record: every record
 * of a request answered before the second end offsets were read lies below them. The sweep's controls (valid
 * requests, which must be found) show that the scan sees what ingress writes.
 */
public final class PublishAudit implements AutoCloseable {
    /** Every topic a request can write: the topics of {@code docs/api.md} and the replay control topic. */
    public static final List<String> TOPICS = List.of(Topics.AUCTIONS, Topics.SOURCES, Topics.ACCOUNTS,
            Topics.QUIZZES, Topics.BOTS, Topics.BIDS_PLACED, Topics.WEBHOOKS_RECEIVED, Topics.QUIZ_ANSWERS,
            Topics.TELEGRAM_UPDATES, Topics.TELEGRAM_OUTBOUND, Topics.OPS_CONTROL);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final Admin admin;

    /** A record that carries the marker; {@code eventId} is its {@code ackflow-event-id} header. */
    public record Found(String topic, int partition, long offset, String key, String eventId) {
        @Override
        public String toString() {
            return topic + "/" + partition + "@" + offset + " key=" + key + " event=" + eventId;
        }
    }

    public PublishAudit(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
    }

    /** The end offset of every partition of {@link #TOPICS}. */
    public Map<TopicPartition, Long> endOffsets() {
        try {
            Map<String, TopicDescription> topics = admin.describeTopics(TOPICS).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            topics.forEach((name, d) -> d.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()),
                    OffsetSpec.latest())));
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listOffsets(request).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading end offsets", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the end offsets of " + TOPICS + " from "
                    + bootstrapServers + ": " + e, e);
        }
    }

    /** Records in [{@code from}, {@code to}) that carry {@code marker}. */
    public List<Found> find(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, String marker) {
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        List<TopicPartition> changed = to.keySet().stream()
                .filter(tp -> to.get(tp) > from.getOrDefault(tp, 0L)).toList();
        List<Found> out = new ArrayList<>();
        if (changed.isEmpty()) {
            return out;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                bootstrapServers, "enable.auto.commit", "false"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(changed);
            changed.forEach(tp -> consumer.seek(tp, from.getOrDefault(tp, 0L)));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            List<TopicPartition> pending = new ArrayList<>(changed);
            while (!pending.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + pending + " up to their end offsets " + to
                            + " within " + TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < to.get(tp) && carries(r, needle)) {
                        out.add(new Found(r.topic(), r.partition(), r.offset(), text(r.key()),
                                RecordHeaders.get(r.headers(), Headers.EVENT_ID)));
                    }
                }
                pending.removeIf(tp -> consumer.position(tp) >= to.get(tp));
            }
        }
        return out;
    }

    private static boolean carries(ConsumerRecord<byte[], byte[]> r, byte[] needle) {
        if (ByteSearch.contains(r.key(), needle) || ByteSearch.contains(r.value(), needle)) {
            return true;
        }
        for (Header h : r.headers()) {
            if (ByteSearch.contains(h.value(), needle)) {
                return true;
            }
        }
        return false;
    }

    private static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
