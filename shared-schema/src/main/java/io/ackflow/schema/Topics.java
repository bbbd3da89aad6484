package io.ackflow.schema;

/**
 * Every topic ackflow uses, named once. Keys are given per topic; records with the same key stay in order.
 *
 * <p>Reference topics are compacted: the latest record per key is the current definition, and every role builds its
 * in-memory view from them (see {@link io.ackflow.schema.view.ReferenceView}).
 */
public final class Topics {
    private Topics() {}

    /** Auction definitions. Key: auction id. Compacted. */
    public static final String AUCTIONS = "ackflow.ref.auctions";
    /** Webhook source definitions (holds secrets). Key: source id. Compacted. */
    public static final String SOURCES = "ackflow.ref.sources";
    /** Trading account risk settings. Key: account id. Compacted. */
    public static final String ACCOUNTS = "ackflow.ref.accounts";
    /** Quiz definitions. Key: quiz id. Compacted. */
    public static final String QUIZZES = "ackflow.ref.quizzes";
    /** Telegram bot definitions (holds tokens). Key: bot id. Compacted. */
    public static final String BOTS = "ackflow.ref.bots";

    /** Bids as accepted by ingress, not yet validated. Key: auction id. */
    public static final String BIDS_PLACED = "ackflow.bids.placed";
    /** Signed webhooks from registered sources. Key: account id for trading sources, source id otherwise. */
    public static final String WEBHOOKS_RECEIVED = "ackflow.webhooks.received";
    /** Quiz answers (HTTP or Telegram) and quiz close commands. Key: quiz id. */
    public static final String QUIZ_ANSWERS = "ackflow.quiz.answers";
    /** Telegram Bot API updates received by webhook. Key: chat id. */
    public static final String TELEGRAM_UPDATES = "ackflow.telegram.updates";
    /** Telegram Bot API calls to make. Key: chat id. */
    public static final String TELEGRAM_OUTBOUND = "ackflow.telegram.outbound";

    /** Facts: bids the bid worker accepted. Key: auction id. */
    public static final String BIDS_ACCEPTED = "ackflow.bids.accepted";
    /** Facts: graded quiz answers and quiz close markers. Key: quiz id. */
    public static final String QUIZ_GRADED = "ackflow.quiz.graded";
    /** Facts: order lifecycle events. Key: account id. */
    public static final String ORDER_EVENTS = "ackflow.orders.events";
    /** Facts: what became of each acknowledged request. Key: event id. */
    public static final String EVENT_OUTCOMES = "ackflow.events.outcomes";

    /** Operator control messages (online replay). Key: consumer group id. Read by every process from its end. */
    public static final String OPS_CONTROL = "ackflow.ops.control";

    public static final String DLT_SUFFIX = "-dlt";

    /** The dead-letter topic of {@code topic}: {@code <topic>-dlt}. */
    public static String dlt(String topic) {
        return topic + DLT_SUFFIX;
    }

    public static boolean isDlt(String topic) {
        return topic.endsWith(DLT_SUFFIX);
    }

    /** The topic a dead-letter topic belongs to. */
    public static String originOf(String dltTopic) {
        if (!isDlt(dltTopic)) {
            throw new IllegalArgumentException(dltTopic + " is not a dead-letter topic");
        }
        return dltTopic.substring(0, dltTopic.length() - DLT_SUFFIX.length());
    }
}
