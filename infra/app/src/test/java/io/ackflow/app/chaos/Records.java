package io.ackflow.app.chaos;

/** Request records for checker tests: the event id in an acknowledged answer is the derived one. */
final class Records {
    private Records() {}

    static RequestRecord bid(long seq, String auction, String bidder, String amount, int status) {
        return of(seq, RequestKind.BID, auction, bidder, null, amount, "bid-" + seq, "ev-bid-" + seq, null, -1, status);
    }

    static RequestRecord webhook(long seq, String webhookId, long duplicateOf, int status) {
        return of(seq, RequestKind.WEBHOOK, "src", "acct", "AAPL", "buy 1", webhookId, "ev-" + webhookId, null,
                duplicateOf, status);
    }

    static RequestRecord answer(long seq, String user, String question, String option, int status) {
        return of(seq, RequestKind.QUIZ_ANSWER, "qz", user, question, option, "qa-" + seq, "ev-qa-" + seq, null, -1,
                status);
    }

    /** A {@code callback_query} (question and option given) or a {@code /start} (question {@code /start}). */
    static RequestRecord telegram(long updateId, String question, String option, String chat, int status) {
        boolean start = TelegramUpdateRequests.START.equals(question);
        return of(updateId, RequestKind.TELEGRAM_UPDATE, "bot", chat, question, option, Long.toString(updateId),
                "ev-up-" + updateId, start ? null : "ev-ans-" + updateId, -1, status);
    }

    static RequestRecord repeat(RequestRecord r, long seq, int status) {
        return new RequestRecord(r.scenario(), seq, r.kind(), r.target(), r.actor(), r.item(), r.value(),
                r.idempotencyKey(), r.expectedEventId(), r.followUpEventId(), r.seq(), r.ingress(), 1, r.sentAtMs(), 1,
                status, status == r.requestKind().ackStatus() ? r.expectedEventId() : null, null);
    }

    private static RequestRecord of(long seq, RequestKind kind, String target, String actor, String item,
            String value, String key, String eventId, String followUp, long duplicateOf, int status) {
        return new RequestRecord("test", seq, kind.id(), target, actor, item, value, key, eventId, followUp,
                duplicateOf, "ingress-1", 1, seq, 1, status, status == kind.ackStatus() ? eventId : null,
                status == 503 ? RequestRecord.UNAVAILABLE : null);
    }
}
