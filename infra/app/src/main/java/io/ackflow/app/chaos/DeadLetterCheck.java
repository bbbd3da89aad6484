package io.ackflow.app.chaos;

import io.ackflow.schema.ConsumerGroups;
import io.ackflow.schema.Headers;
import io.ackflow.schema.Json;
import io.ackflow.schema.RecordHeaders;
import io.ackflow.schema.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The dead-letter topics of every topic a consumer group reads, from where they stood when a scenario began: each
 * poison record written into an input topic must be in that topic's {@code -dlt} with its exception and the group that
 * gave up on it, and nothing else may be there, except Telegram messages the sender gave up as {@code uncertain}
 * (documented: not resent, dead-lettered for an operator).
 */
final class DeadLetterCheck {
    /** Each consumed topic and the group that dead-letters its records (the persister skips junk on request topics). */
    static final Map<String, String> CONSUMER = consumers();
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /** What the dead-letter topics held. */
    record Result(int poisonExpected, int poisonFound, long uncertainSends, long other, List<String> details) {}

    private DeadLetterCheck() {}

    private static Map<String, String> consumers() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Topics.BIDS_PLACED, ConsumerGroups.BID_WORKER);
        m.put(Topics.WEBHOOKS_RECEIVED, ConsumerGroups.ORDER_WORKER);
        m.put(Topics.QUIZ_ANSWERS, ConsumerGroups.QUIZ_WORKER);
        m.put(Topics.TELEGRAM_UPDATES, ConsumerGroups.TELEGRAM_UPDATE_WORKER);
        m.put(Topics.TELEGRAM_OUTBOUND, ConsumerGroups.TELEGRAM_SENDER);
        m.put(Topics.BIDS_ACCEPTED, ConsumerGroups.PERSISTER);
        m.put(Topics.QUIZ_GRADED, ConsumerGroups.PERSISTER);
        m.put(Topics.ORDER_EVENTS, ConsumerGroups.PERSISTER);
        m.put(Topics.EVENT_OUTCOMES, ConsumerGroups.PERSISTER);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The end offsets of every dead-letter topic now (a topic not created yet starts at 0). */
    static Map<TopicPartition, Long> mark(String bootstrap) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            return consumer.endOffsets(partitions(consumer), READ_TIMEOUT);
        }
    }

    /**
     * @param uncertainSend whether a Telegram message id is {@code uncertain} in the send ledger
     */
    static Result check(String bootstrap, Map<TopicPartition, Long> marks, List<FaultRecord.PoisonRecord> poison,
            Predicate<String> uncertainSend) {
        Set<String> found = new HashSet<>();
        long uncertain = 0;
        long other = 0;
        List<String> details = new ArrayList<>();
        Map<String, FaultRecord.PoisonRecord> poisonByKey = new HashMap<>();
        poison.forEach(p -> poisonByKey.put(p.topic() + "/" + p.key(), p));
        for (ConsumerRecord<byte[], byte[]> r : readSince(bootstrap, marks)) {
            String origin = Topics.originOf(r.topic());
            String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
            String group = RecordHeaders.get(r.headers(), Headers.DLT_ORIGINAL_CONSUMER_GROUP);
            String error = RecordHeaders.get(r.headers(), Headers.DLT_EXCEPTION_FQCN);
            if (poisonByKey.containsKey(origin + "/" + key)) {
                if (error != null && CONSUMER.get(origin).equals(group)) {
                    found.add(origin + "/" + key);
                } else {
                    note(details, "poison record " + key + " in " + r.topic() + " without its error or group: "
                            + error + ", " + group);
                }
            } else if (origin.equals(Topics.TELEGRAM_OUTBOUND) && uncertainSend.test(messageId(r.value()))) {
                uncertain++;
            } else {
                other++;
                note(details, "dead letter in " + r.topic() + " (key " + key + ", group " + group + "): " + error
                        + ": " + RecordHeaders.get(r.headers(), Headers.DLT_EXCEPTION_MESSAGE));
            }
        }
        poison.stream().filter(p -> !found.contains(p.topic() + "/" + p.key()))
                .forEach(p -> note(details, "poison record " + p.key() + " not in " + Topics.dlt(p.topic())));
        return new Result(poison.size(), found.size(), uncertain, other, List.copyOf(details));
    }

    private static void note(List<String> details, String line) {
        if (details.size() < 10) {
            details.add(line);
        }
    }

    private static String messageId(byte[] value) {
        try {
            return value == null ? "" : Json.tree(value).path("message_id").asString("");
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readSince(String bootstrap, Map<TopicPartition, Long> marks) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> tps = partitions(consumer);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps, READ_TIMEOUT);
            List<TopicPartition> toRead = tps.stream().filter(tp -> end.get(tp) > marks.getOrDefault(tp, 0L)).toList();
            consumer.assign(toRead);
            toRead.forEach(tp -> consumer.seek(tp, marks.getOrDefault(tp, 0L)));
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (toRead.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the dead-letter topics within " + READ_TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> out = new ArrayList<>();
        Map<String, List<PartitionInfo>> topics = consumer.listTopics(READ_TIMEOUT);
        for (String topic : CONSUMER.keySet()) {
            for (PartitionInfo p : topics.getOrDefault(Topics.dlt(topic), List.of())) {
                out.add(new TopicPartition(p.topic(), p.partition()));
            }
        }
        return out;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "enable.auto.commit", "false",
                "isolation.level", "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
