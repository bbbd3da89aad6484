package io.ackflow.app.ops;

import io.ackflow.embedded.EmbeddedStack;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The shared embedded broker of this test JVM, with helpers to make random topics, produce and commit. */
public final class TestKafka {
    private TestKafka() {}

    public static String bootstrap() {
        return EmbeddedStack.startOnce(EmbeddedStack.Options.forTests()).bootstrapServers();
    }

    public static Map<String, Object> client() {
        Map<String, Object> m = new HashMap<>();
        m.put("bootstrap.servers", bootstrap());
        return m;
    }

    public static String randomName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static void createTopics(int partitions, String... names) throws Exception {
        try (Admin admin = Admin.create(client())) {
            admin.createTopics(java.util.Arrays.stream(names).map(n -> new NewTopic(n, partitions, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    public static KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> p = client();
        p.put("acks", "all");
        p.put("linger.ms", 0);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends {@code count} records {@code "<prefix>-i"} to one partition, with the given timestamp (null: now). */
    public static void produce(String topic, int partition, int count, String prefix, Long timestamp) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, partition, timestamp, bytes("k" + i), bytes(prefix + "-" + i)))
                        .get(10, TimeUnit.SECONDS);
            }
        }
    }

    public static void commit(String group, Map<TopicPartition, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> m = new HashMap<>();
        offsets.forEach((tp, o) -> m.put(tp, new OffsetAndMetadata(o)));
        try (Admin admin = Admin.create(client())) {
            admin.alterConsumerGroupOffsets(group, m).all().get(30, TimeUnit.SECONDS);
        }
    }

    public static Map<TopicPartition, Long> committed(String group) throws Exception {
        try (Admin admin = Admin.create(client())) {
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .forEach((tp, om) -> out.put(tp, om.offset()));
            return out;
        }
    }

    public static Map<TopicPartition, Long> highWatermarks(List<TopicPartition> tps) throws Exception {
        try (Admin admin = Admin.create(client())) {
            Map<TopicPartition, OffsetSpec> req = new HashMap<>();
            tps.forEach(tp -> req.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listOffsets(req).all().get(30, TimeUnit.SECONDS).forEach((tp, i) -> out.put(tp, i.offset()));
            return out;
        }
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
