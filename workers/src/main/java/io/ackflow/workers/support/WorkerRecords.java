package io.ackflow.workers.support;

import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Headers;
import io.ackflow.schema.Json;
import io.ackflow.schema.RecordHeaders;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.EventOutcome;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Decoding inputs and building outputs, the same way in every worker group. */
public final class WorkerRecords {
    private WorkerRecords() {}

    /** Decodes the value with {@link Json}; an unreadable value is an {@link InvalidRecordException} (dead letter). */
    public static <T> T decode(ConsumerRecord<String, byte[]> record, Class<T> type) {
        if (record.value() == null) {
            throw new InvalidRecordException("record " + where(record) + " has no value");
        }
        try {
            T value = Json.read(record.value(), type);
            if (value == null) {
                throw new InvalidRecordException("record " + where(record) + " is JSON null");
            }
            return value;
        } catch (JacksonException e) {
            throw new InvalidRecordException(
                    "record " + where(record) + " is not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Converts a JSON tree (for example a webhook payload) to {@code type}; unreadable is invalid. */
    public static <T> T convert(JsonNode node, Class<T> type, String what) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new InvalidRecordException(what + " is missing");
        }
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (JacksonException e) {
            throw new InvalidRecordException(what + " is not a valid " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Fails the record as invalid unless {@code value} is present. */
    public static <T> T require(T value, String field, ConsumerRecord<?, ?> record) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new InvalidRecordException("record " + where(record) + " has no " + field);
        }
        return value;
    }

    /** The event id: from the value when present, else from the {@link Headers#EVENT_ID} header. */
    public static String eventId(String fromValue, ConsumerRecord<String, byte[]> record) {
        String id = fromValue != null ? fromValue : RecordHeaders.get(record.headers(), Headers.EVENT_ID);
        return require(id, "event id", record);
    }

    /** When ingress received the request, from {@link Headers#INGRESS_TIME}, else {@code fallback}. */
    public static Instant ingressTime(ConsumerRecord<String, byte[]> record, Instant fallback) {
        String ms = RecordHeaders.get(record.headers(), Headers.INGRESS_TIME);
        if (ms != null) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(ms.trim()));
            } catch (NumberFormatException e) {
                // fall through: a bad header must not make the record unprocessable
            }
        }
        return fallback != null ? fallback : Instant.ofEpochMilli(record.timestamp());
    }

    /**
     * A record derived from {@code input}: carries its event id, ingress time and source ({@link RecordHeaders#carry})
     * and names its own event type.
     */
    public static ProducerRecord<String, byte[]> derived(
            ConsumerRecord<String, byte[]> input, String topic, String key, String eventType, Object value) {
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(topic, key, Json.write(value));
        RecordHeaders.carry(input.headers(), out.headers());
        RecordHeaders.put(out.headers(), Headers.EVENT_TYPE, eventType);
        return out;
    }

    /** The outcome of the request {@code eventId}, on {@link Topics#EVENT_OUTCOMES} keyed by event id. */
    public static ProducerRecord<String, byte[]> outcome(
            ConsumerRecord<String, byte[]> input,
            String eventId,
            String eventType,
            EventOutcome.Status status,
            String reason,
            Instant receivedAt,
            Instant decidedAt,
            Map<String, String> refs) {
        EventOutcome outcome = new EventOutcome(
                eventId, eventType, status, reason, receivedAt, decidedAt, refs == null ? Map.of() : refs);
        ProducerRecord<String, byte[]> out = derived(input, Topics.EVENT_OUTCOMES, eventId, EventTypes.EVENT_OUTCOME, outcome);
        RecordHeaders.put(out.headers(), Headers.EVENT_ID, eventId);
        return out;
    }

    public static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
