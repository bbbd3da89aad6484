package io.ackflow.app.ops.lag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads lag straight from Kafka: committed offsets and members through {@link Admin}, high watermarks through
 * {@code listOffsets(latest)}, and the timestamp of the oldest unconsumed record by fetching the record at the committed
 * offset with a short-lived, group-less consumer. Every call is bounded by {@code timeout}.
 */
public final class LagProbe implements AutoCloseable {
    private final Map<String, Object> clientProperties;
    private final Duration timeout;
    private final Clock clock;
    private final Admin admin;

    public LagProbe(Map<String, Object> clientProperties, Duration timeout, Clock clock) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.timeout = timeout;
        this.clock = clock;
        this.admin = Admin.create(this.clientProperties);
    }

    /** One sample of every partition each group has committed offsets for. Unknown groups yield nothing. */
    public List<LagSample> sample(Collection<String> groups) {
        try {
            Instant now = clock.instant();
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
                offsets.forEach((tp, om) -> {
                    if (om != null) {
                        present.put(tp, om);
                    }
                });
                if (!present.isEmpty()) {
                    committed.put(group, present);
                }
            }
            if (committed.isEmpty()) {
                return List.of();
            }
            Map<String, Map<TopicPartition, String>> owners = owners(committed.keySet());
            Set<TopicPartition> all = new HashSet<>();
            committed.values().forEach(m -> all.addAll(m.keySet()));
            Map<TopicPartition, Long> ends = endOffsets(all);
            Map<Position, Long> timestamps = new HashMap<>();
            List<Position> lagging = new ArrayList<>();
            committed.forEach((group, offsets) -> offsets.forEach((tp, om) -> {
                Long end = ends.get(tp);
                if (end != null && end > om.offset()) {
                    lagging.add(new Position(tp, om.offset()));
                }
            }));
            timestamps.putAll(oldestTimestamps(lagging));
            List<LagSample> samples = new ArrayList<>();
            committed.forEach((group, offsets) -> offsets.forEach((tp, om) -> {
                Long end = ends.get(tp);
                if (end == null) {
                    return; // topic deleted since the commit
                }
                Long ts = end > om.offset() ? timestamps.get(new Position(tp, om.offset())) : null;
                samples.add(new LagSample(group, tp.topic(), tp.partition(), om.offset(), end, ts,
                        owners.getOrDefault(group, Map.of()).get(tp), now));
            }));
            samples.sort(java.util.Comparator.comparing(LagSample::group)
                    .thenComparing(LagSample::topic)
                    .thenComparingInt(LagSample::partition));
            return samples;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sampling lag", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not sample lag within " + timeout + " (bootstrap "
                    + clientProperties.get("bootstrap.servers") + "): " + e, e);
        }
    }

    private Map<String, Map<TopicPartition, String>> owners(Collection<String> groups)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, ConsumerGroupDescription> described =
                admin.describeConsumerGroups(groups).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, Map<TopicPartition, String>> owners = new HashMap<>();
        described.forEach((group, d) -> {
            Map<TopicPartition, String> byPartition = new HashMap<>();
            for (MemberDescription m : d.members()) {
                String who = m.clientId() + "@" + m.host();
                m.assignment().topicPartitions().forEach(tp -> byPartition.put(tp, who));
            }
            owners.put(group, byPartition);
        });
        return owners;
    }

    /** High watermarks: {@code listOffsets(latest)}, as {@code kafka-consumer-groups --describe} uses. */
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                admin.listOffsets(request).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> ends = new HashMap<>();
        result.forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /**
     * The timestamp of the first record at or after each position. A consumer has one position per partition, so
     * positions on the same partition (several groups) are fetched in successive rounds.
     */
    Map<Position, Long> oldestTimestamps(List<Position> positions) {
        Map<Position, Long> found = new HashMap<>();
        if (positions.isEmpty()) {
            return found;
        }
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "16384");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ackflow-lag-probe");
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Position> pending = new ArrayList<>(new HashSet<>(positions));
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                Map<TopicPartition, Long> round = new HashMap<>();
                for (Position p : pending) {
                    round.putIfAbsent(p.partition(), p.offset());
                }
                consumer.assign(round.keySet());
                round.forEach(consumer::seek);
                Set<TopicPartition> open = new HashSet<>(round.keySet());
                while (!open.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofMillis(100))) {
                        TopicPartition tp = new TopicPartition(rec.topic(), rec.partition());
                        if (open.remove(tp)) {
                            found.put(new Position(tp, round.get(tp)), rec.timestamp());
                            consumer.pause(List.of(tp));
                        }
                    }
                }
                round.forEach((tp, offset) -> pending.remove(new Position(tp, offset)));
                consumer.resume(consumer.paused());
            }
        }
        return found;
    }

    record Position(TopicPartition partition, long offset) {}

    public Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
