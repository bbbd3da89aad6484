package io.ackflow.schema.ops;

import io.ackflow.schema.Json;
import io.ackflow.schema.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads {@link Topics#OPS_CONTROL} from its end, with no consumer group (every process sees every request), and hands
 * each {@link ReplayRequest} to the local {@link ReplayTarget}s whose {@code groupId()} matches. Started only when the
 * process has at least one target. A bad control record is logged and skipped; it never stops the reader.
 *
 * <p>Counts {@code ackflow.ops.replays} (tags {@code group}, {@code topic}, {@code outcome}: dispatched, failed).
 */
public final class ControlTopicReader implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ControlTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Map<String, Object> consumerProperties;
    private final Supplier<List<ReplayTarget>> targets;
    private final MeterRegistry meters;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile boolean positioned;

    /**
     * @param consumerProperties Kafka consumer settings (bootstrap, security); group settings are removed
     * @param targets the replay targets of this process, resolved when the reader starts
     */
    public ControlTopicReader(Map<String, Object> consumerProperties, Supplier<List<ReplayTarget>> targets,
            MeterRegistry meters) {
        Map<String, Object> props = new HashMap<>(consumerProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ackflow-ops-control-" + ProcessHandle.current().pid());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumerProperties = props;
        this.targets = targets;
        this.meters = meters == null ? Metrics.globalRegistry : meters;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        List<ReplayTarget> found = targets.get();
        if (found.isEmpty()) {
            log.debug("No replay targets in this process; not reading {}", Topics.OPS_CONTROL);
            return;
        }
        running = true;
        consumer = new KafkaConsumer<>(consumerProperties);
        thread = new Thread(this::run, "ackflow-ops-control");
        thread.setDaemon(true);
        thread.start();
        log.info("Reading {} for replay requests to {}", Topics.OPS_CONTROL,
                found.stream().map(ReplayTarget::groupId).distinct().toList());
    }

    /** True once the reader sits at the end of the control topic: requests published from now on reach it. */
    public boolean isPositioned() {
        return positioned;
    }

    private void run() {
        try {
            while (running) {
                if (!positioned) {
                    position();
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(POLL)) {
                    handle(rec);
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer
        } catch (RuntimeException e) {
            log.error("The ops control reader stopped; online replay is unavailable in this process", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void position() {
        List<PartitionInfo> partitions = consumer.partitionsFor(Topics.OPS_CONTROL, Duration.ofSeconds(5));
        if (partitions == null || partitions.isEmpty()) {
            log.warn("Topic {} not found yet; retrying", Topics.OPS_CONTROL);
            consumer.poll(POLL);
            return;
        }
        List<TopicPartition> tps = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(tps);
        consumer.seekToEnd(tps);
        tps.forEach(consumer::position); // resolve the end now, not at the first poll
        positioned = true;
    }

    void handle(ConsumerRecord<byte[], byte[]> rec) {
        ReplayRequest request;
        try {
            request = Json.read(rec.value(), ReplayRequest.class);
        } catch (RuntimeException e) {
            log.warn("Skipping unreadable control record at {}-{}@{}: {}", rec.topic(), rec.partition(), rec.offset(),
                    e.getMessage());
            return;
        }
        if (request == null || request.groupId() == null || request.topic() == null) {
            log.warn("Skipping incomplete control record at {}-{}@{}", rec.topic(), rec.partition(), rec.offset());
            return;
        }
        dispatch(request);
    }

    /** Hands {@code request} to every matching target of this process. */
    public void dispatch(ReplayRequest request) {
        for (ReplayTarget target : targets.get()) {
            if (!request.groupId().equals(target.groupId())) {
                continue;
            }
            String outcome = "dispatched";
            try {
                target.replay(request);
                log.info("Replay {}: group {} topic {} from {} handed to {}", request.replayId(), request.groupId(),
                        request.topic(), request.fromOffsets(), target.getClass().getSimpleName());
            } catch (RuntimeException e) {
                outcome = "failed";
                log.error("Replay {}: group {} topic {} failed in {}", request.replayId(), request.groupId(),
                        request.topic(), target.getClass().getSimpleName(), e);
            }
            meters.counter("ackflow.ops.replays", "group", request.groupId(), "topic", request.topic(),
                    "outcome", outcome).increment();
        }
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        positioned = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
