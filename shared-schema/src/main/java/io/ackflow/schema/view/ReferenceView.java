package io.ackflow.schema.view;

import io.ackflow.schema.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest value per key of a compacted topic, kept in memory by a background consumer that reads the whole topic
 * from the beginning (no consumer group) and then follows it. A tombstone (null value) removes the key.
 *
 * <p>Invalidation is push-based: an admin change is visible here as soon as this consumer reads it, typically within
 * milliseconds. A caller that must not act on stale data (for example before rejecting a bid for an "unknown" auction
 * that was defined a moment ago) calls {@link #awaitCurrent(Duration)}, which waits until the view has read everything
 * the broker held when the call was made.
 */
public final class ReferenceView<V> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReferenceView.class);

    private final String topic;
    private final Class<V> type;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, V>> listeners = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> waiters = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Void> initialLoad = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param consumerProperties Kafka client settings (bootstrap servers, security); group and deserializers are set
     *     here
     */
    public ReferenceView(String topic, Class<V> type, Map<String, Object> consumerProperties) {
        this.topic = topic;
        this.type = type;
        Map<String, Object> props = new HashMap<>(consumerProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ackflow-view-" + topic + "-" + System.identityHashCode(this));
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "ackflow-view-" + topic);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Calls {@code listener(key, valueOrNull)} for every change read, on the view's thread. */
    public void onChange(BiConsumer<String, V> listener) {
        listeners.add(listener);
    }

    public Optional<V> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public Map<String, V> snapshot() {
        return Map.copyOf(values);
    }

    /** Waits until the first full read of the topic is done. */
    public boolean awaitLoaded(Duration timeout) {
        try {
            initialLoad.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public boolean isLoaded() {
        return initialLoad.isDone() && !initialLoad.isCompletedExceptionally();
    }

    /**
     * Waits until this view has read every record the broker held when this call was made. Returns false on timeout
     * (the view may then be stale; callers decide whether to fail or retry).
     */
    public boolean awaitCurrent(Duration timeout) {
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        waiters.add(waiter);
        consumer.wakeup();
        try {
            waiter.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            waiters.remove(waiter);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        }
    }

    private void run() {
        List<TopicPartition> partitions = new ArrayList<>();
        try {
            while (running && partitions.isEmpty()) {
                try {
                    consumer.partitionsFor(topic, Duration.ofSeconds(5))
                            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                } catch (WakeupException e) {
                    // a waiter arrived before assignment; it is served once we are current
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    log.warn("Reference topic {} not reachable yet: {}", topic, e.getMessage());
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                List<CompletableFuture<Void>> serving = drainWaiters();
                try {
                    Map<TopicPartition, Long> target = null;
                    if (!serving.isEmpty() || !initialLoad.isDone()) {
                        target = consumer.endOffsets(partitions, Duration.ofSeconds(5));
                    }
                    pollUntil(target, partitions);
                    if (!initialLoad.isDone() && target != null) {
                        initialLoad.complete(null);
                        log.info("Reference view {} loaded: {} keys", topic, values.size());
                    }
                    serving.forEach(w -> w.complete(null));
                } catch (WakeupException | org.apache.kafka.common.errors.TimeoutException e) {
                    // a new waiter woke a blocking call (endOffsets, position), or the broker is away: keep the view
                    // alive and serve these waiters on the next round
                    if (!running) {
                        throw e;
                    }
                    waiters.addAll(serving);
                    if (e instanceof org.apache.kafka.common.errors.TimeoutException) {
                        log.warn("Reference view {} cannot reach the broker: {}", topic, e.getMessage());
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("Reference view {} woke unexpectedly", topic, e);
            }
        } catch (RuntimeException e) {
            log.error("Reference view {} stopped", topic, e);
            initialLoad.completeExceptionally(e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
            waiters.forEach(w -> w.completeExceptionally(new IllegalStateException("view closed")));
        }
    }

    /** Polls once, or until every partition's position reaches {@code target} when one is given. */
    private void pollUntil(Map<TopicPartition, Long> target, List<TopicPartition> partitions) {
        do {
            try {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(target == null ? 500 : 50))) {
                    apply(r);
                }
            } catch (WakeupException e) {
                if (!running) {
                    throw e;
                }
                // a new waiter: it is picked up on the next loop
            }
        } while (running && target != null && !reached(target, partitions));
    }

    private boolean reached(Map<TopicPartition, Long> target, List<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp) < target.getOrDefault(tp, 0L)) {
                return false;
            }
        }
        return true;
    }

    private List<CompletableFuture<Void>> drainWaiters() {
        List<CompletableFuture<Void>> out = new ArrayList<>();
        CompletableFuture<Void> w;
        while ((w = waiters.poll()) != null) {
            out.add(w);
        }
        return out;
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            return;
        }
        V value = null;
        if (r.value() != null) {
            try {
                value = Json.read(r.value(), type);
            } catch (RuntimeException e) {
                log.warn("Skipping unreadable {} record at {}-{}@{}: {}", type.getSimpleName(), r.topic(),
                        r.partition(), r.offset(), e.getMessage());
                return;
            }
        }
        if (value == null) {
            values.remove(r.key());
        } else {
            values.put(r.key(), value);
        }
        for (BiConsumer<String, V> l : listeners) {
            try {
                l.accept(r.key(), value);
            } catch (RuntimeException e) {
                log.warn("Listener of reference view {} failed for key {}", topic, r.key(), e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
