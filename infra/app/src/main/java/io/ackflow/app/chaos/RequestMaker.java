package io.ackflow.app.chaos;

/** Makes the requests of one {@link RequestKind}. */
interface RequestMaker {
    /** A new request, with a key never used before. */
    PlannedRequest fresh(long seq);

    /** The same request again, as a client retry or a sender's redelivery: same key, same body. */
    PlannedRequest repeat(PlannedRequest original, long seq);

    /**
     * A second, different answer to the question {@code original} answered (a fresh key, another option), for makers
     * of quiz answers; the first answer is the one that must count. Null for other kinds.
     */
    default PlannedRequest reanswer(PlannedRequest original, long seq) {
        return null;
    }
}
