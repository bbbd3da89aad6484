package io.ackflow.bench.persister;

import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Headers;
import io.ackflow.schema.Json;
import io.ackflow.schema.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes bid events to {@link Topics#BIDS_ACCEPTED} the way the bid worker does: key = auction id, value =
 * {@link Json#write} of the {@code Bid}, headers event id, event type and ingress time. acks=all, idempotent.
 */
final class BidProducer implements AutoCloseable {
    private final String bootstrap;
    private final KafkaProducer<String, byte[]> producer;

    /** How a fixed-rate run went: the largest delay of a send behind its scheduled time. */
    record Paced(int sent, long maxBehindMicros) {}

    BidProducer(String bootstrap) {
        this.bootstrap = bootstrap;
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "ackflow-bench-bids");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends every event of {@code w} as fast as the broker takes them, then waits for all acknowledgements. */
    void sendAll(BidWorkload w) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < w.events(); i++) {
            producer.send(record(w, i, now), (md, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("the broker refused a bid event", failure.get());
        }
    }

    /**
     * Open model: event {@code i} is due at {@code start + i / rate}, whatever happened to earlier sends, and carries
     * its due time as the ingress time, so a late send shows up as lag instead of hiding it.
     */
    Paced sendAtRate(BidWorkload w, int perSecond) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long startNanos = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        long maxBehind = 0;
        for (int i = 0; i < w.events(); i++) {
            long due = startNanos + i * intervalNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            maxBehind = Math.max(maxBehind, System.nanoTime() - due);
            long dueMillis = startMillis + TimeUnit.NANOSECONDS.toMillis(i * intervalNanos);
            producer.send(record(w, i, dueMillis), (md, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("the broker refused a bid event", failure.get());
        }
        return new Paced(w.events(), TimeUnit.NANOSECONDS.toMicros(maxBehind));
    }

    private static ProducerRecord<String, byte[]> record(BidWorkload w, int i, long ingressMillis) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.BIDS_ACCEPTED, w.auctionId(i),
                Json.write(w.bid(i)));
        r.headers().add(Headers.EVENT_ID, w.eventId(i).getBytes(StandardCharsets.UTF_8));
        r.headers().add(Headers.EVENT_TYPE, EventTypes.BID_ACCEPTED.getBytes(StandardCharsets.UTF_8));
        r.headers().add(Headers.INGRESS_TIME, Long.toString(ingressMillis).getBytes(StandardCharsets.UTF_8));
        return r;
    }

    /** The end offsets of every partition of {@code topics}. */
    Map<TopicPartition, Long> endOffsets(List<String> topics) {
        Map<String, Object> p = Map.of("bootstrap.servers", bootstrap);
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = topics.stream()
                    .flatMap(t -> c.partitionsFor(t, Duration.ofSeconds(10)).stream())
                    .map(i -> new TopicPartition(i.topic(), i.partition()))
                    .toList();
            return c.endOffsets(tps, Duration.ofSeconds(10));
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    static long sum(Map<TopicPartition, Long> offsets, String topic) {
        AtomicLong n = new AtomicLong();
        offsets.forEach((tp, o) -> {
            if (tp.topic().equals(topic)) {
                n.addAndGet(o);
            }
        });
        return n.get();
    }
}
