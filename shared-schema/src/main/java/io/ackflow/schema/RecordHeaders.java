package io.ackflow.schema;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;

/** Reads and writes the string-valued headers of {@link Headers}. */
public final class RecordHeaders {
    private RecordHeaders() {}

    /** The last value of {@code name}, or null. */
    public static String get(org.apache.kafka.common.header.Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    public static void put(org.apache.kafka.common.header.Headers headers, String name, String value) {
        headers.remove(name);
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Copies the headers that follow an event through derived records: event id, type-independent ingress time. */
    public static void carry(org.apache.kafka.common.header.Headers from, org.apache.kafka.common.header.Headers to) {
        for (String name : new String[] {Headers.EVENT_ID, Headers.INGRESS_TIME, Headers.SOURCE}) {
            String v = get(from, name);
            if (v != null && get(to, name) == null) {
                put(to, name, v);
            }
        }
    }
}
