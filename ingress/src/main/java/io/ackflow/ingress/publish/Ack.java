package io.ackflow.ingress.publish;

/** Where the broker stored an acknowledged record. */
public record Ack(String topic, int partition, long offset) {}
