package io.ackflow.app.chaos;

/**
 * One request of the load and its answer, as written to {@code requests.jsonl}.
 *
 * @param sentAtMs when the request was due (epoch ms); latency counts from then, so queueing in the generator shows
 * @param status HTTP status, or 0 when no answer came (connection refused or reset, timeout)
 * @param duplicateOf the sequence number of the request this one repeats (same {@code Idempotency-Key} and body), or -1
 * @param error the transport error when there was no answer; for a 503, {@code overloaded} (refused before sending)
 *     or {@code unavailable} (the broker did not acknowledge in time: the record may have been written)
 */
public record RequestRecord(
        String scenario,
        long seq,
        String auctionId,
        String bidderId,
        String amount,
        String idempotencyKey,
        long duplicateOf,
        String ingress,
        int attempts,
        long sentAtMs,
        double latencyMs,
        int status,
        String eventId,
        String error) {

    boolean acked() {
        return status == 202;
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

    static final String OVERLOADED = "overloaded";
    static final String UNAVAILABLE = "unavailable";
}
