package io.ackflow.app.ops;

import io.ackflow.schema.ops.ReplayRequest;
import io.ackflow.schema.ops.ReplayTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A running consumer group member that obeys online replay the way a worker does: the control reader hands it the
 * request, and its own poll thread seeks the partitions it owns before the next poll.
 */
public final class OnlineConsumer implements ReplayTarget, AutoCloseable {
    private final String group;
    private final Queue<ReplayRequest> pending = new ConcurrentLinkedQueue<>();
    /** {@code partition@offset} of every record processed, in order. */
    public final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private Thread thread;

    public OnlineConsumer(String group) {
        this.group = group;
    }

    @Override
    public String groupId() {
        return group;
    }

    @Override
    public void replay(ReplayRequest request) {
        pending.add(request);
    }

    public void start(String bootstrap, String topic) {
        running = true;
        thread = new Thread(() -> run(bootstrap, topic), "online-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(String bootstrap, String topic) {
        Map<String, Object> props = Map.of("bootstrap.servers", bootstrap, "group.id", group,
                "auto.offset.reset", "earliest", "enable.auto.commit", "false");
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            while (running) {
                for (ReplayRequest r; (r = pending.poll()) != null; ) {
                    for (var e : r.fromOffsets().entrySet()) {
                        TopicPartition tp = new TopicPartition(r.topic(), e.getKey());
                        if (c.assignment().contains(tp)) {
                            c.seek(tp, e.getValue());
                        }
                    }
                }
                for (ConsumerRecord<byte[], byte[]> rec : c.poll(Duration.ofMillis(100))) {
                    seen.add(rec.partition() + "@" + rec.offset());
                }
                c.commitSync();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(5000);
        }
    }
}
