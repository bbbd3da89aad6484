package io.ackflow.schema;

/** Consumer group ids, named once. Each domain is its own group so it scales and lags on its own. */
public final class ConsumerGroups {
    private ConsumerGroups() {}

    public static final String BID_WORKER = "ackflow.workers.bids";
    public static final String ORDER_WORKER = "ackflow.workers.orders";
    public static final String QUIZ_WORKER = "ackflow.workers.quiz";
    public static final String TELEGRAM_UPDATE_WORKER = "ackflow.workers.telegram-updates";
    public static final String TELEGRAM_SENDER = "ackflow.workers.telegram-sender";
    /** The persister stores its offsets in PostgreSQL; it commits them to Kafka too, for lag monitoring only. */
    public static final String PERSISTER = "ackflow.persister";
}
