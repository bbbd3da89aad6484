package io.ackflow.app.chaos;

/**
 * One request of the load and its answer, as written to {@code requests-<scenario>.jsonl}.
 *
 * @param kind {@code bid}, {@code webhook}, {@code quiz-answer} or {@code telegram-update}
 * @param idempotencyKey {@code Idempotency-Key}, {@code webhook-id}, or the Telegram {@code update_id}
 * @param expectedEventId the event id ingress derives from the key; the answer's {@code eventId} must equal it
 * @param followUpEventId for a Telegram {@code callback_query}, the quiz answer's event id; else null
 * @param target auction, source, quiz or bot; {@code actor}: bidder, account, player or chat; {@code item}: question,
 *     {@code /start} or symbol; {@code value}: amount, option, or side and quantity
 * @param sentAtMs when the request was due (epoch ms); latency counts from then, so queueing in the generator shows
 * @param status HTTP status, or 0 when no answer came (connection refused or reset, timeout)
 * @param duplicateOf the sequence number of the request this one repeats (same key and body), or -1
 * @param eventId the event id in the answer, for an acknowledged request
 * @param error the transport error when there was no answer; for a 503, {@code overloaded} (refused before sending)
 *     or {@code unavailable} (the broker did not acknowledge in time: the record may have been written)
 */
public record RequestRecord(
        String scenario,
        long seq,
        String kind,
        String target,
        String actor,
        String item,
        String value,
        String idempotencyKey,
        String expectedEventId,
        String followUpEventId,
        long duplicateOf,
        String ingress,
        int attempts,
        long sentAtMs,
        double latencyMs,
        int status,
        String eventId,
        String error) {

    static final String OVERLOADED = "overloaded";
    static final String UNAVAILABLE = "unavailable";

    static RequestRecord of(String scenario, PlannedRequest p, String ingress, int attempts, long sentAtMs,
            double latencyMs, int status, String eventId, String error) {
        return new RequestRecord(scenario, p.seq(), p.kind().id(), p.target(), p.actor(), p.item(), p.value(), p.key(),
                p.expectedEventId(), p.followUpEventId(), p.duplicateOf(), ingress, attempts, sentAtMs, latencyMs,
                status, eventId, error);
    }

    RequestKind requestKind() {
        for (RequestKind k : RequestKind.values()) {
            if (k.id().equals(kind)) {
                return k;
            }
        }
        throw new IllegalStateException("unknown request kind '" + kind + "'");
    }

    boolean acked() {
        return status == requestKind().ackStatus();
    }

    /**
     * No answer, a 5xx, or a {@code 503 unavailable} (ack timeout): the record may or may not have reached the broker,
     * as {@code docs/api.md} says; a retry with the same key is the client's way to find out.
     */
    boolean uncertain() {
        return status == 0 || status >= 500 && !(status == 503 && OVERLOADED.equals(error));
    }

    /** 4xx, 429 and {@code 503 overloaded}: documented as "never published". */
    boolean refused() {
        return status >= 400 && !uncertain();
    }

    /** The id of the event whose row and outcome hold this request's effect. */
    String effectEventId() {
        return followUpEventId != null ? followUpEventId : expectedEventId;
    }
}
