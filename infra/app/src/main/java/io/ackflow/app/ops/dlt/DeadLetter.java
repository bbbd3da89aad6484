package io.ackflow.app.ops.dlt;

import io.ackflow.schema.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One record of a dead-letter topic with its headers (string values; the last value of a repeated header wins).
 *
 * @param key the record key as UTF-8, or null
 */
public record DeadLetter(String topic, int partition, long offset, Instant timestamp, String key, byte[] value,
        Map<String, String> headers, List<org.apache.kafka.common.header.Header> rawHeaders) {

    public String errorClass() {
        return headers.getOrDefault(Headers.DLT_EXCEPTION_FQCN, "unknown");
    }

    /** The root cause's class when spring-kafka recorded one, else null. */
    public String causeClass() {
        return headers.get(Headers.DLT_EXCEPTION_CAUSE_FQCN);
    }

    public String errorMessage() {
        return headers.get(Headers.DLT_EXCEPTION_MESSAGE);
    }

    public int redriveCount() {
        String v = headers.get(Headers.REDRIVE_COUNT);
        if (v == null) {
            return 0;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public String valueText(int maxChars) {
        if (value == null) {
            return "null";
        }
        String s = new String(value, StandardCharsets.UTF_8);
        return s.length() <= maxChars ? s : s.substring(0, maxChars) + "...";
    }

    /** Whether {@code errorClass} names this record's exception or cause, by full or simple class name. */
    public boolean hasError(String wanted) {
        return matches(errorClass(), wanted) || (causeClass() != null && matches(causeClass(), wanted));
    }

    private static boolean matches(String fqcn, String wanted) {
        return fqcn.equals(wanted) || fqcn.endsWith("." + wanted) || fqcn.endsWith("$" + wanted);
    }
}
