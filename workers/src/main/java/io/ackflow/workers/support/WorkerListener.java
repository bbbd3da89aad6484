package io.ackflow.workers.support;

import io.ackflow.schema.ops.ReplayRequest;
import io.ackflow.schema.ops.ReplayTarget;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.listener.MessageListener;

/**
 * The base of every worker group's listener: one record at a time, timed and counted; any exception goes to the
 * container's error handler (see {@link WorkerContainers}), never crashes the consumer.
 *
 * <p>It is also the group's {@link ReplayTarget}: a replay request seeks the partitions this instance owns, through the
 * consumer thread's seek callbacks (the seek happens on that thread before its next poll).
 */
public abstract class WorkerListener extends AbstractConsumerSeekAware
        implements MessageListener<String, byte[]>, ReplayTarget {
    private static final Logger log = LoggerFactory.getLogger(WorkerListener.class);

    private final String groupId;
    private final String topic;
    protected final WorkerMetrics metrics;
    protected final Clock clock;

    protected WorkerListener(String groupId, String topic, WorkerMetrics metrics, Clock clock) {
        this.groupId = groupId;
        this.topic = topic;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public String groupId() {
        return groupId;
    }

    public String topic() {
        return topic;
    }

    public WorkerMetrics metrics() {
        return metrics;
    }

    @Override
    public final void onMessage(ConsumerRecord<String, byte[]> record) {
        long start = System.nanoTime();
        try {
            handle(record);
            metrics.processed();
        } catch (RuntimeException e) {
            metrics.error(e);
            throw e;
        } finally {
            metrics.processing().record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    /** Decides and publishes what {@code record} produces; returns only once the outputs are acknowledged. */
    protected abstract void handle(ConsumerRecord<String, byte[]> record);

    @Override
    public void replay(ReplayRequest request) {
        if (!groupId.equals(request.groupId()) || !topic.equals(request.topic()) || request.fromOffsets() == null) {
            return;
        }
        Map<TopicPartition, List<ConsumerSeekAware.ConsumerSeekCallback>> owned = getTopicsAndCallbacks();
        request.fromOffsets().forEach((partition, offset) -> {
            List<ConsumerSeekAware.ConsumerSeekCallback> callbacks = owned.get(new TopicPartition(topic, partition));
            if (callbacks != null && offset != null) {
                log.info("Replay {}: group {} seeks {}-{} to offset {}", request.replayId(), groupId, topic, partition,
                        offset);
                callbacks.forEach(cb -> cb.seek(topic, partition, offset));
            }
        });
    }
}
