package io.ackflow.ingress.publish;

import io.ackflow.schema.Headers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * One record to publish, with the headers every ingress record carries.
 *
 * @param endpoint a short name of the HTTP endpoint, for metrics ({@code bids}, {@code webhooks}, ...)
 * @param value the serialised record value, written as is
 */
public record OutboundEvent(
        String endpoint,
        String topic,
        String key,
        String eventId,
        String eventType,
        String source,
        long ingressMillis,
        byte[] value) {

    public OutboundEvent {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(value, "value");
    }

    ProducerRecord<String, byte[]> toRecord() {
        List<Header> headers = List.of(
                header(Headers.EVENT_ID, eventId),
                header(Headers.EVENT_TYPE, eventType),
                header(Headers.SOURCE, source),
                header(Headers.INGRESS_TIME, Long.toString(ingressMillis)));
        return new ProducerRecord<>(topic, null, key, value, headers);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
