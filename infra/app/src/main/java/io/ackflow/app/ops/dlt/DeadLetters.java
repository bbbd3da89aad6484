package io.ackflow.app.ops.dlt;

import io.ackflow.schema.Headers;
import io.ackflow.schema.RecordHeaders;
import io.ackflow.schema.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and redrives dead-letter topics. Reads use a group-less consumer from a snapshot of the end offsets, so a
 * topic still receiving records does not keep a command running.
 *
 * <p>Redrive re-publishes to the original topic ({@link Headers#DLT_ORIGINAL_TOPIC}, else the topic the DLT belongs
 * to) on the original partition when it still exists, with the original key, value and headers, minus the
 * {@code kafka_dlt-*} headers, plus {@link Headers#REDRIVE_COUNT} incremented and {@link Headers#REDRIVEN_FROM}. A
 * record that fails again returns to the DLT carrying its count (spring-kafka's dead-letter recoverer copies the
 * headers), and once the count reaches the limit it is never redriven again: nothing loops forever.
 */
public final class DeadLetters {
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    /** Redrives are operator actions: each record redriven is logged here, at INFO, as an audit trail. */
    private static final Logger audit = LoggerFactory.getLogger("io.ackflow.ops.redrive");
    private static final String DLT_HEADER_PREFIX = "kafka_dlt-";

    private final Map<String, Object> clientProperties;
    private final Duration timeout;

    public DeadLetters(Map<String, Object> clientProperties, Duration timeout) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.timeout = timeout;
    }

    /** Dead-letter topic to error class to count, for every {@code *-dlt} topic on the cluster. */
    public Map<String, Map<String, Long>> list() {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<String> dlts = consumer.listTopics(timeout).keySet().stream().filter(Topics::isDlt).sorted().toList();
            for (String dlt : dlts) {
                Map<String, Long> byClass = new TreeMap<>();
                read(consumer, dlt, null, null, null, d -> {
                    byClass.merge(d.errorClass(), 1L, Long::sum);
                    return true;
                });
                counts.put(dlt, byClass);
            }
        }
        return counts;
    }

    /** Up to {@code limit} records of {@code dltTopic}, oldest first, from {@code fromOffset} on each partition. */
    public List<DeadLetter> show(String dltTopic, Integer partition, Long fromOffset, int limit) {
        List<DeadLetter> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<Integer> partitions = partition != null ? List.of(partition)
                    : consumer.partitionsFor(dltTopic, timeout).stream().map(PartitionInfo::partition).sorted().toList();
            for (int p : partitions) {
                if (out.size() >= limit) {
                    break;
                }
                // partition by partition, so the output is in offset order
                read(consumer, dltTopic, p, fromOffset, null, d -> {
                    out.add(d);
                    return out.size() < limit;
                });
            }
        }
        return out;
    }

    public RedriveReport redrive(RedriveSpec spec) {
        List<DeadLetter> matched = new ArrayList<>();
        int[] scanned = {0};
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            read(consumer, spec.dltTopic(), spec.partition(), spec.fromOffset(), spec.toOffset(), d -> {
                scanned[0]++;
                if ((spec.errorClass() == null || d.hasError(spec.errorClass()))
                        && (spec.key() == null || spec.key().equals(d.key()))) {
                    matched.add(d);
                }
                return true;
            });
        }
        List<String> lines = new ArrayList<>();
        List<DeadLetter> toSend = new ArrayList<>();
        int atLimit = 0;
        for (DeadLetter d : matched) {
            String where = d.topic() + "/" + d.partition() + "@" + d.offset();
            if (d.redriveCount() >= spec.maxRedrives()) {
                atLimit++;
                lines.add(where + " key=" + d.key() + " left: redriven " + d.redriveCount() + " times (limit "
                        + spec.maxRedrives() + ")");
            } else {
                toSend.add(d);
                lines.add(where + " key=" + d.key() + (spec.dryRun() ? " would go" : " ->") + " to "
                        + originalTopic(d) + " (redrive " + (d.redriveCount() + 1) + ", error " + d.errorClass() + ")");
            }
        }
        int redriven = spec.dryRun() ? 0 : send(toSend);
        RedriveReport report = new RedriveReport(spec.dltTopic(), spec.dryRun(), scanned[0], matched.size(), redriven,
                atLimit, lines);
        if (!spec.dryRun()) {
            lines.forEach(l -> audit.info("redrive {}", l));
        }
        log.info("{}", report.summary());
        return report;
    }

    static String originalTopic(DeadLetter d) {
        String h = d.headers().get(Headers.DLT_ORIGINAL_TOPIC);
        return h != null && !h.isBlank() ? h : Topics.originOf(d.topic());
    }

    private int send(List<DeadLetter> records) {
        if (records.isEmpty()) {
            return 0;
        }
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ackflow-redrive");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30000);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            Map<String, Integer> partitionCounts = new HashMap<>();
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (DeadLetter d : records) {
                String target = originalTopic(d);
                int partitions = partitionCounts.computeIfAbsent(target,
                        t -> producer.partitionsFor(t).size());
                sent.add(producer.send(toOriginal(d, target, partitions)));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            return sent.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while redriving", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("redrive failed part-way; records already sent carry "
                    + Headers.REDRIVEN_FROM + ": " + e.getMessage(), e);
        }
    }

    static ProducerRecord<byte[], byte[]> toOriginal(DeadLetter d, String target, int targetPartitions) {
        List<Header> headers = new ArrayList<>();
        for (Header h : d.rawHeaders()) {
            if (!h.key().startsWith(DLT_HEADER_PREFIX) && !h.key().equals(Headers.REDRIVE_COUNT)
                    && !h.key().equals(Headers.REDRIVEN_FROM)) {
                headers.add(h);
            }
        }
        headers.add(header(Headers.REDRIVE_COUNT, String.valueOf(d.redriveCount() + 1)));
        headers.add(header(Headers.REDRIVEN_FROM, d.topic() + "/" + d.partition() + "@" + d.offset()));
        Integer partition = null;
        String original = d.headers().get(Headers.DLT_ORIGINAL_PARTITION);
        if (original != null) {
            try {
                int p = Integer.parseInt(original.trim());
                partition = p >= 0 && p < targetPartitions ? p : null;
            } catch (NumberFormatException ignored) {
                // fall back to the key's partition
            }
        }
        byte[] key = d.key() == null ? null : d.key().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(target, partition, key, d.value(), headers);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads {@code topic} from {@code fromOffset} (or the start) to {@code toOffset} inclusive (or the end as of now),
     * handing each record to {@code visitor} until it returns false.
     */
    private void read(KafkaConsumer<byte[], byte[]> consumer, String topic, Integer partition, Long fromOffset,
            Long toOffset, Predicate<DeadLetter> visitor) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("topic " + topic + " does not exist");
        }
        List<TopicPartition> tps = infos.stream()
                .map(i -> new TopicPartition(topic, i.partition()))
                .filter(tp -> partition == null || tp.partition() == partition)
                .sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
                .toList();
        if (tps.isEmpty()) {
            throw new IllegalArgumentException("topic " + topic + " has no partition " + partition);
        }
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(tps, timeout);
        Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout);
        Map<TopicPartition, Long> stop = new LinkedHashMap<>();
        for (TopicPartition tp : tps) {
            long s = toOffset == null ? end.get(tp) : Math.min(end.get(tp), toOffset + 1);
            long start = fromOffset == null ? begin.get(tp) : Math.max(begin.get(tp), fromOffset);
            if (start < s) {
                stop.put(tp, s);
            }
        }
        if (stop.isEmpty()) {
            return;
        }
        consumer.assign(stop.keySet());
        consumer.resume(stop.keySet());
        stop.keySet().forEach(tp -> consumer.seek(tp,
                fromOffset == null ? begin.get(tp) : Math.max(begin.get(tp), fromOffset)));
        long deadline = System.nanoTime() + timeout.toNanos() * 4;
        while (!stop.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reading " + topic + " took longer than " + timeout.multipliedBy(4)
                        + "; still to read: " + stop);
            }
            for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition tp = new TopicPartition(rec.topic(), rec.partition());
                Long limit = stop.get(tp);
                if (limit == null || rec.offset() >= limit) {
                    continue;
                }
                if (!visitor.test(toDeadLetter(rec))) {
                    return;
                }
            }
            for (TopicPartition tp : Set.copyOf(stop.keySet())) {
                if (consumer.position(tp) >= stop.get(tp)) {
                    stop.remove(tp);
                    consumer.pause(List.of(tp));
                }
            }
        }
    }

    private static DeadLetter toDeadLetter(ConsumerRecord<byte[], byte[]> rec) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<Header> raw = new ArrayList<>();
        for (Header h : rec.headers()) {
            raw.add(h);
            headers.put(h.key(), RecordHeaders.get(rec.headers(), h.key()));
        }
        String key = rec.key() == null ? null : new String(rec.key(), StandardCharsets.UTF_8);
        return new DeadLetter(rec.topic(), rec.partition(), rec.offset(), Instant.ofEpochMilli(rec.timestamp()), key,
                rec.value(), headers, raw);
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ackflow-dlt");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
