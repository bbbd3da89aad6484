package io.ackflow.workers.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * The workers' producer: idempotent, {@code acks=all}, String keys and raw JSON values. A listener publishes what a
 * record produced and waits for the broker's acknowledgement before returning, so the record's offset is committed only
 * once its effects are durable (at-least-once; every effect downstream is keyed so a repeat is harmless).
 *
 * <p>It is deliberately not a {@code KafkaTemplate} bean, so Spring Boot's own template stays available to others.
 */
@Component
public class WorkerPublisher implements DisposableBean {
    private final DefaultKafkaProducerFactory<String, byte[]> factory;
    private final KafkaTemplate<String, byte[]> template;
    private final long timeoutMs;

    public WorkerPublisher(KafkaProperties kafka, WorkerProperties props) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "ackflow-workers");
        this.factory = new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
        this.template = new KafkaTemplate<>(factory);
        this.timeoutMs = props.publishTimeout().toMillis();
    }

    /** For the dead-letter recoverer, which publishes through the same producer. */
    public KafkaTemplate<String, byte[]> template() {
        return template;
    }

    /**
     * Sends every record, then waits until the broker has acknowledged all of them. A failure is a {@link
     * PublishFailedException}: transient, so the error policy retries the input record.
     */
    public void publishAll(List<ProducerRecord<String, byte[]>> records) {
        List<CompletableFuture<SendResult<String, byte[]>>> sent = new ArrayList<>(records.size());
        for (ProducerRecord<String, byte[]> r : records) {
            sent.add(template.send(r));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishFailedException(records.get(i).topic(), e);
            } catch (ExecutionException | TimeoutException e) {
                throw new PublishFailedException(records.get(i).topic(), e);
            }
        }
    }

    public void publish(ProducerRecord<String, byte[]> record) {
        publishAll(List.of(record));
    }

    @Override
    public void destroy() {
        factory.destroy();
    }

    /** The broker did not acknowledge a record in time. Transient: the input record is retried. */
    public static class PublishFailedException extends RuntimeException {
        public PublishFailedException(String topic, Throwable cause) {
            super("publishing to " + topic + " failed: " + cause.getMessage(), cause);
        }
    }
}
