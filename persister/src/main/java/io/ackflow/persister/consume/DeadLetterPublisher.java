package io.ackflow.persister.consume;

import io.ackflow.persister.upsert.Fact;
import io.ackflow.persister.upsert.PoisonSink;
import io.ackflow.schema.Headers;
import io.ackflow.schema.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends poison records to {@code <topic>-dlt}, same partition number, with the original key, value and headers plus
 * the {@code kafka_dlt-*} headers spring-kafka's recoverer writes, so one tool reads every dead-letter topic. Waits
 * for the broker before returning: the flush commits the offsets past these records only afterwards.
 */
public final class DeadLetterPublisher implements PoisonSink {
    private static final int MAX_STACKTRACE_CHARS = 8_000;

    private final KafkaProducer<String, byte[]> producer;
    private final String consumerGroup;
    private final Duration timeout;

    public DeadLetterPublisher(KafkaProducer<String, byte[]> producer, String consumerGroup, Duration timeout) {
        this.producer = producer;
        this.consumerGroup = consumerGroup;
        this.timeout = timeout;
    }

    @Override
    public void publish(List<Fact> poison) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Fact f : poison) {
            sent.add(producer.send(deadLetter(f.record(), f.poison())));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Future<RecordMetadata> s : sent) {
            s.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> r, Exception e) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : r.headers()) {
            headers.add(h);
        }
        put(headers, Headers.DLT_ORIGINAL_TOPIC, r.topic());
        put(headers, Headers.DLT_ORIGINAL_PARTITION, Integer.toString(r.partition()));
        put(headers, Headers.DLT_ORIGINAL_OFFSET, Long.toString(r.offset()));
        put(headers, Headers.DLT_ORIGINAL_TIMESTAMP, Long.toString(r.timestamp()));
        put(headers, Headers.DLT_ORIGINAL_CONSUMER_GROUP, consumerGroup);
        put(headers, Headers.DLT_EXCEPTION_FQCN, e.getClass().getName());
        put(headers, Headers.DLT_EXCEPTION_MESSAGE, String.valueOf(e.getMessage()));
        put(headers, Headers.DLT_EXCEPTION_STACKTRACE, stackTrace(e));
        return new ProducerRecord<>(Topics.dlt(r.topic()), r.partition(), r.key(), r.value(), headers);
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String stackTrace(Exception e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.length() <= MAX_STACKTRACE_CHARS ? s : s.substring(0, MAX_STACKTRACE_CHARS);
    }
}
