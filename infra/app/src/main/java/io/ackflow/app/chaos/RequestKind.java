package io.ackflow.app.chaos;

/** What the load sends; each kind has its own endpoint, authentication, idempotency key and effects to check. */
enum RequestKind {
    /** {@code POST /v1/auctions/{id}/bids}, client key, {@code Idempotency-Key}: a leaderboard row. */
    BID("bid", 202),
    /** {@code POST /v1/webhooks/{source}}, Standard Webhooks signature, {@code webhook-id}: one order at the broker. */
    WEBHOOK("webhook", 202),
    /** {@code POST /v1/quizzes/{id}/answers}, client key, {@code Idempotency-Key}: the first answer counts. */
    QUIZ_ANSWER("quiz-answer", 202),
    /**
     * {@code POST /v1/telegram/{bot}/webhook}, secret-token header, {@code update_id}: a quiz answer from a
     * {@code callback_query} (the first counts; a callback answer and the next question are sent once), or a
     * {@code /start} (a welcome message, sent once).
     */
    TELEGRAM_UPDATE("telegram-update", 200);

    private final String id;
    private final int ackStatus;

    RequestKind(String id, int ackStatus) {
        this.id = id;
        this.ackStatus = ackStatus;
    }

    String id() {
        return id;
    }

    /** The status that means "the broker has it": 202, or 200 for the Telegram webhook (Telegram wants a 200). */
    int ackStatus() {
        return ackStatus;
    }
}
