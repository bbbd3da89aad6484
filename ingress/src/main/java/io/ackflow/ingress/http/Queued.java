package io.ackflow.ingress.http;

import io.ackflow.ingress.publish.Ack;

/** The body of a {@code 202}: the event id, and where the broker stored the record. */
public record Queued(String id, String status, String topic, int partition, long offset) {
    public static Queued of(String id, Ack ack) {
        return new Queued(id, "queued", ack.topic(), ack.partition(), ack.offset());
    }
}
