package io.ackflow.workers.telegram.send.internal;

import io.ackflow.schema.Headers;
import io.ackflow.schema.RecordHeaders;
import io.ackflow.schema.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a record to {@code <topic>-dlt}, same partition, key, value and headers, plus the standard dead-letter
 * headers ({@link Headers#DLT_ORIGINAL_TOPIC} ...). Waits for the broker's acknowledgement, so the original offset is
 * committed only once the dead letter is safe.
 */
public final class DeadLetterPublisher implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final String group;

    public DeadLetterPublisher(Map<String, Object> producerProperties, String group) {
        Map<String, Object> props = new HashMap<>(producerProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ackflow-telegram-dlt-" + System.identityHashCode(this));
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.group = group;
    }

    public void publish(ConsumerRecord<String, byte[]> record, Throwable cause) {
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.dlt(record.topic()), record.partition(),
                record.key(), record.value());
        record.headers().forEach(h -> dead.headers().add(new RecordHeader(h.key(), h.value())));
        var h = dead.headers();
        RecordHeaders.put(h, Headers.DLT_ORIGINAL_TOPIC, record.topic());
        RecordHeaders.put(h, Headers.DLT_ORIGINAL_PARTITION, String.valueOf(record.partition()));
        RecordHeaders.put(h, Headers.DLT_ORIGINAL_OFFSET, String.valueOf(record.offset()));
        RecordHeaders.put(h, Headers.DLT_ORIGINAL_TIMESTAMP, String.valueOf(record.timestamp()));
        RecordHeaders.put(h, Headers.DLT_ORIGINAL_CONSUMER_GROUP, group);
        RecordHeaders.put(h, Headers.DLT_EXCEPTION_FQCN, cause.getClass().getName());
        RecordHeaders.put(h, Headers.DLT_EXCEPTION_MESSAGE, BotEndpoint.mask(String.valueOf(cause.getMessage())));
        RecordHeaders.put(h, Headers.DLT_EXCEPTION_STACKTRACE, BotEndpoint.mask(stackTrace(cause)));
        try {
            producer.send(dead).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering " + record.topic() + "-"
                    + record.partition() + "@" + record.offset(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not dead-letter " + record.topic() + "-" + record.partition() + "@"
                    + record.offset(), e);
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.length() > 8000 ? s.substring(0, 8000) : s;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
