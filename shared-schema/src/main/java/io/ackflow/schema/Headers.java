package io.ackflow.schema;

/** Record header names, named once. Values are UTF-8 strings. */
public final class Headers {
    private Headers() {}

    /** The event id returned to the client in the 202; follows the event through every derived record. */
    public static final String EVENT_ID = "ackflow-event-id";
    /** One of {@link EventTypes}. */
    public static final String EVENT_TYPE = "ackflow-event-type";
    /** Who sent it: source id, client key id or bot id. */
    public static final String SOURCE = "ackflow-source";
    /**
     * Epoch millis at which ingress received the request. Derived records copy it, so the persister can measure
     * acknowledgement-to-committed-row lag.
     */
    public static final String INGRESS_TIME = "ackflow-ingress-ms";
    /** How many times an operator redrove this record from a dead-letter topic. */
    public static final String REDRIVE_COUNT = "ackflow-redrive-count";
    /** Where a redriven record came from in its dead-letter topic: {@code <dlt>/<partition>@<offset>}. */
    public static final String REDRIVEN_FROM = "ackflow-redriven-from";

    // Dead-letter headers: the same names spring-kafka's DeadLetterPublishingRecoverer writes, so one tool reads all.
    public static final String DLT_ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    public static final String DLT_ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    public static final String DLT_ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    public static final String DLT_ORIGINAL_TIMESTAMP = "kafka_dlt-original-timestamp";
    public static final String DLT_ORIGINAL_CONSUMER_GROUP = "kafka_dlt-original-consumer-group";
    public static final String DLT_EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";
    public static final String DLT_EXCEPTION_CAUSE_FQCN = "kafka_dlt-exception-cause-fqcn";
    public static final String DLT_EXCEPTION_MESSAGE = "kafka_dlt-exception-message";
    public static final String DLT_EXCEPTION_STACKTRACE = "kafka_dlt-exception-stacktrace";
}
