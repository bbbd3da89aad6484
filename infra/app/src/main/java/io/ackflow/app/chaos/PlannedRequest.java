package io.ackflow.app.chaos;

import java.util.Map;

/**
 * One request of the load, ready to send to any ingress process.
 *
 * @param key the idempotency key: {@code Idempotency-Key}, {@code webhook-id}, or the Telegram {@code update_id}
 * @param expectedEventId the event id ingress derives from the key (docs/api.md), known before sending, so an effect
 *     of a request that got no {@code 202} can still be traced to it
 * @param followUpEventId for a Telegram {@code callback_query}, the id of the quiz answer the update worker derives
 *     from it (that event carries the answer's outcome and row); null otherwise
 * @param target auction, source, quiz or bot
 * @param actor bidder, account, quiz player (user id) or Telegram chat
 * @param item the question answered, {@code /start}, or the signal's symbol; null for a bid
 * @param value amount, option, or the signal's side and quantity
 * @param duplicateOf the seq of the request this one repeats (same key and body), or -1
 */
record PlannedRequest(long seq, RequestKind kind, String path, Map<String, String> headers, String body, String key,
        String expectedEventId, String followUpEventId, String target, String actor, String item, String value,
        long duplicateOf) {

    /** This request again as request {@code seq}: same key, headers and body. */
    PlannedRequest repeatedAs(long seq) {
        return new PlannedRequest(seq, kind, path, headers, body, key, expectedEventId, followUpEventId, target, actor,
                item, value, this.seq);
    }

    /** The id of the event whose row and outcome hold this request's effect. */
    String effectEventId() {
        return followUpEventId != null ? followUpEventId : expectedEventId;
    }
}
