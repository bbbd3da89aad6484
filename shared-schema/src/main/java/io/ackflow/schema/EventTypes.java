package io.ackflow.schema;

/** Values of the {@link Headers#EVENT_TYPE} header. */
public final class EventTypes {
    private EventTypes() {}

    public static final String AUCTION_DEFINED = "auction.defined";
    public static final String SOURCE_DEFINED = "source.defined";
    public static final String ACCOUNT_DEFINED = "account.defined";
    public static final String QUIZ_DEFINED = "quiz.defined";
    public static final String BOT_DEFINED = "bot.defined";

    public static final String BID_PLACED = "bid.placed";
    public static final String BID_ACCEPTED = "bid.accepted";
    public static final String WEBHOOK_RECEIVED = "webhook.received";
    public static final String QUIZ_ANSWER = "quiz.answer";
    public static final String QUIZ_CLOSE = "quiz.close";
    public static final String QUIZ_ANSWER_GRADED = "quiz.answer.graded";
    public static final String QUIZ_CLOSED = "quiz.closed";
    public static final String TELEGRAM_UPDATE = "telegram.update";
    public static final String TELEGRAM_SEND = "telegram.send";
    public static final String ORDER_EVENT = "order.event";
    public static final String EVENT_OUTCOME = "event.outcome";
}
