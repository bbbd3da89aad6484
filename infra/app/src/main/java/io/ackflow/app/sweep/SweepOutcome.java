package io.ackflow.app.sweep;

/**
 * One malformed input and its answer, as written to {@code sweep-inputs.jsonl}. No body is kept: answers are searched
 * for secrets, not stored.
 *
 * @param group the surface: {@code ingress}, {@code webhook}, {@code telegram}, {@code read}, {@code ops},
 *     {@code dev}, {@code actuator}
 * @param endpoint the route template ({@code POST /v1/auctions/{auctionId}/bids})
 * @param attack what is wrong with the input
 * @param expected what it must get ({@code 4xx}, {@code 401}, ...)
 * @param status the answer's status, 0 when there was none
 * @param verdict {@link #OK}, {@link #SERVER_ERROR}, {@link #ACCEPTED}, {@link #WRONG_STATUS} or {@link #NO_ANSWER}
 */
public record SweepOutcome(int seq, String process, String group, String endpoint, String attack, String expected,
        int status, String contentType, String verdict, String error, double ms) {

    public static final String OK = "ok";
    /** A 5xx: the input broke something. */
    public static final String SERVER_ERROR = "5xx";
    /** A 1xx-3xx: an input that must be refused was taken. */
    public static final String ACCEPTED = "accepted";
    /** Refused, but not as documented (a client key on an admin endpoint must get 403, not 401 or 404). */
    public static final String WRONG_STATUS = "wrong status";
    /** No answer at all (connection reset, timeout), where one was due. */
    public static final String NO_ANSWER = "no answer";

    public boolean ok() {
        return OK.equals(verdict);
    }

    /** For the report: {@code #12 ingress-1 POST /v1/... [attack] -> 500}. */
    public String describe() {
        return "#" + seq + " " + process + " " + endpoint + " [" + attack + "] -> "
                + (status == 0 ? "no answer (" + error + ")" : status) + ", expected " + expected;
    }
}
