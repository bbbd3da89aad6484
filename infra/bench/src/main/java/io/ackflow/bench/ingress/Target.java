package io.ackflow.bench.ingress;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The things measured, in run order. Each runs in its own JVM against the run's one broker. */
enum Target {
    PP_LINGER0("pp-linger0", Kind.PRODUCER_PERF, 0, "Kafka ProducerPerformance, acks=all, idempotent, linger 0"),
    PP_LINGER1("pp-linger1", Kind.PRODUCER_PERF, 1, "Kafka ProducerPerformance, acks=all, idempotent, linger 1"),
    RAW_LINGER0("raw-linger0", Kind.RAW_PRODUCER, 0, "raw KafkaProducer, open model, linger 0"),
    RAW_LINGER1("raw-linger1", Kind.RAW_PRODUCER, 1, "raw KafkaProducer, open model, linger 1"),
    NAIVE_LINGER0("naive-linger0", Kind.NAIVE, 0, "naive ingress (MVC + send().get()), linger 0"),
    NAIVE_LINGER1("naive-linger1", Kind.NAIVE, 1, "naive ingress (MVC + send().get()), linger 1"),
    ACKFLOW_BIDS("ackflow-bids", Kind.ACKFLOW_BIDS, -1, "ackflow ingress, bids"),
    ACKFLOW_WEBHOOKS("ackflow-webhooks", Kind.ACKFLOW_WEBHOOKS, -1, "ackflow ingress, signed webhooks");

    enum Kind { PRODUCER_PERF, RAW_PRODUCER, NAIVE, ACKFLOW_BIDS, ACKFLOW_WEBHOOKS }

    final String id;
    final Kind kind;
    final int lingerMs;
    final String label;

    Target(String id, Kind kind, int lingerMs, String label) {
        this.id = id;
        this.kind = kind;
        this.lingerMs = lingerMs;
        this.label = label;
    }

    boolean isHttp() {
        return kind == Kind.NAIVE || kind == Kind.ACKFLOW_BIDS || kind == Kind.ACKFLOW_WEBHOOKS;
    }

    boolean isAckflow() {
        return kind == Kind.ACKFLOW_BIDS || kind == Kind.ACKFLOW_WEBHOOKS;
    }

    static Target byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown target '" + id + "'; known: " + ids()));
    }

    static String ids() {
        return Arrays.stream(values()).map(t -> t.id).collect(Collectors.joining(","));
    }

    static List<Target> baselines() {
        return Arrays.stream(values()).filter(t -> !t.isAckflow()).toList();
    }
}
