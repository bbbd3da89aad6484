package io.ackflow.ingress.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/** Reads what ingress published, with plain Kafka clients. */
public final class Topics {
    /** Every topic ingress writes. */
    public static final List<String> INGRESS_TOPICS = List.of(
            io.ackflow.schema.Topics.BIDS_PLACED,
            io.ackflow.schema.Topics.WEBHOOKS_RECEIVED,
            io.ackflow.schema.Topics.QUIZ_ANSWERS,
            io.ackflow.schema.Topics.TELEGRAM_UPDATES,
            io.ackflow.schema.Topics.TELEGRAM_OUTBOUND,
            io.ackflow.schema.Topics.AUCTIONS,
            io.ackflow.schema.Topics.SOURCES,
            io.ackflow.schema.Topics.ACCOUNTS,
            io.ackflow.schema.Topics.QUIZZES,
            io.ackflow.schema.Topics.BOTS);

    private final String bootstrap;

    public Topics(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** The sum of the end offsets of every topic ingress writes: unchanged means nothing was published. */
    public long totalEndOffsets() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            var described = admin.describeTopics(INGRESS_TOPICS).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
            described.forEach((t, d) -> d.partitions().forEach(p -> request.put(new TopicPartition(t, p.partition()),
                    OffsetSpec.latest())));
            return admin.listOffsets(request).all().get().values().stream()
                    .mapToLong(i -> i.offset())
                    .sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** All records of {@code topic} with {@code key}, from the beginning. */
    public List<ConsumerRecord<String, byte[]>> recordsWithKey(String topic, String key) {
        return read(topic, r -> key.equals(r.key()));
    }

    /** Waits until at least {@code n} records with {@code key} are on {@code topic}, and returns them. */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, String key, int n) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            found.clear();
            found.addAll(recordsWithKey(topic, key));
            return found.size() >= n;
        });
        return found;
    }

    public List<ConsumerRecord<String, byte[]>> read(String topic, Predicate<ConsumerRecord<String, byte[]>> filter) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (filter.test(r)) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }
}
