package io.ackflow.workers.support;

import io.ackflow.schema.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.core.JacksonException;

/**
 * Builds the listener container of a worker group, with the one error policy every group shares:
 *
 * <ul>
 *   <li>{@link DefaultErrorHandler} with a {@link DeadLetterPublishingRecoverer} to {@code Topics.dlt(topic)}, same
 *       partition, with spring-kafka's standard headers (original topic, partition, offset, timestamp, group, exception
 *       class, message and stack trace: the names in {@link io.ackflow.schema.Headers});
 *   <li>{@link InvalidRecordException} and JSON errors are fatal: dead-lettered on the first failure;
 *   <li>anything else is retried with exponential backoff for at most {@code ackflow.workers.retry.max-elapsed}, then
 *       dead-lettered, so one bad key never holds its partition longer than that;
 *   <li>a listener returns only after the broker has acknowledged everything the record caused, so offsets are
 *       committed once per poll, after its records ({@code AckMode.BATCH}): a synchronous commit per record halved
 *       throughput. A crash redelivers at most one poll's records ({@code max-poll-records}); every effect is keyed by
 *       event id, so a redelivered record changes nothing. On stop the container finishes the record in hand and stops
 *       polling ({@code stopImmediate}).
 * </ul>
 */
@Component
public class WorkerContainers {
    private static final Logger log = LoggerFactory.getLogger(WorkerContainers.class);

    private final KafkaProperties kafka;
    private final WorkerProperties props;
    private final WorkerInstance instance;
    private final WorkerPublisher publisher;

    public WorkerContainers(
            KafkaProperties kafka, WorkerProperties props, WorkerInstance instance, WorkerPublisher publisher) {
        this.kafka = kafka;
        this.props = props;
        this.instance = instance;
        this.publisher = publisher;
    }

    /**
     * The container of {@code listener}'s group in this process, with static membership
     * ({@code group.instance.id = <group>-<ackflow.instance-id>}). It starts with the context when {@code name} is in
     * {@code ackflow.workers.groups}.
     */
    public ConcurrentMessageListenerContainer<String, byte[]> create(String name, WorkerListener listener) {
        ConcurrentMessageListenerContainer<String, byte[]> c =
                create(listener, instance.groupInstanceId(listener.groupId()), props.concurrency());
        c.setAutoStartup(props.runs(name));
        return c;
    }

    /**
     * A container for {@code listener}; {@code groupInstanceId} null means dynamic membership. Public so tests and tools
     * can run a second member of a group in one process.
     */
    public ConcurrentMessageListenerContainer<String, byte[]> create(
            WorkerListener listener, String groupInstanceId, int concurrency) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, listener.groupId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, props.maxPollRecords());
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) props.sessionTimeout().toMillis());
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, props.sessionTimeout().toMillis() / 4));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        if (groupInstanceId != null) {
            // spring-kafka suffixes "-n" per consumer when concurrency > 1
            config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupInstanceId);
        } else {
            config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        }
        DefaultKafkaConsumerFactory<String, byte[]> factory =
                new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new ByteArrayDeserializer());

        ContainerProperties cp = new ContainerProperties(listener.topic());
        cp.setGroupId(listener.groupId());
        cp.setClientId(listener.groupId() + "-" + (groupInstanceId == null ? "dynamic" : instance.id()));
        cp.setAckMode(ContainerProperties.AckMode.BATCH);
        cp.setStopImmediate(true);
        cp.setShutdownTimeout(props.publishTimeout().toMillis() + props.retry().maxInterval().toMillis() + 5_000);
        cp.setMessageListener(listener);
        cp.setKafkaConsumerProperties(new Properties());

        ConcurrentMessageListenerContainer<String, byte[]> container = new ConcurrentMessageListenerContainer<>(factory, cp);
        container.setConcurrency(concurrency);
        container.setCommonErrorHandler(errorHandler(listener.metrics()));
        container.setBeanName(listener.groupId() + (groupInstanceId == null ? "-dynamic" : ""));
        return container;
    }

    /** The one error policy (see the class comment). */
    DefaultErrorHandler errorHandler(WorkerMetrics metrics) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                publisher.template(), (record, e) -> new TopicPartition(Topics.dlt(record.topic()), record.partition()));
        recoverer.setWaitForSendResultTimeout(props.publishTimeout());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff());
        handler.addNotRetryableExceptions(InvalidRecordException.class, JacksonException.class);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
                log.debug("Group {}: attempt {} of {} failed: {}", metrics.group(), deliveryAttempt,
                        WorkerRecords.where(record), ex.getMessage());
            }

            @Override
            public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
                metrics.deadLettered();
                log.warn("Group {}: {} sent to {}: {}", metrics.group(), WorkerRecords.where(record),
                        Topics.dlt(record.topic()), rootMessage(ex));
            }

            @Override
            public void recoveryFailed(ConsumerRecord<?, ?> record, Exception original, Exception failure) {
                log.error("Group {}: could not dead-letter {}; it will be retried: {}", metrics.group(),
                        WorkerRecords.where(record), failure.getMessage());
            }
        });
        return handler;
    }

    private org.springframework.util.backoff.BackOff backOff() {
        WorkerProperties.Retry r = props.retry();
        if (r.maxElapsed().isZero()) {
            return new FixedBackOff(0, 0);
        }
        ExponentialBackOff b = new ExponentialBackOff(r.initialInterval().toMillis(), r.multiplier());
        b.setMaxInterval(r.maxInterval().toMillis());
        b.setMaxElapsedTime(r.maxElapsed().toMillis());
        return b;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
