package io.ackflow.workers;

import io.ackflow.schema.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the given topics from the beginning in the background and keeps every record, for assertions. */
final class TopicTap implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final ConcurrentLinkedQueue<ConsumerRecord<String, byte[]>> records = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    TopicTap(String bootstrap, List<String> topics) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String t : topics) {
            consumer.partitionsFor(t).forEach(p -> partitions.add(new TopicPartition(t, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(() -> {
            while (running) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            consumer.close();
        }, "test-topic-tap");
        thread.setDaemon(true);
        thread.start();
    }

    List<ConsumerRecord<String, byte[]>> records(String topic, Predicate<ConsumerRecord<String, byte[]>> filter) {
        return records.stream().filter(r -> r.topic().equals(topic)).filter(filter).toList();
    }

    List<ConsumerRecord<String, byte[]>> byKey(String topic, String key) {
        return records(topic, r -> key.equals(r.key()));
    }

    <T> List<T> values(String topic, Class<T> type, Predicate<T> filter) {
        return records(topic, r -> r.value() != null).stream()
                .map(r -> {
                    try {
                        return Json.read(r.value(), type);
                    } catch (RuntimeException e) {
                        return null;
                    }
                })
                .filter(v -> v != null && filter.test(v))
                .toList();
    }

    @Override
    public void close() {
        running = false;
    }
}
