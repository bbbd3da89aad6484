package io.ackflow.app.chaos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The requests sent with one idempotency key (an original and its repeats), and what the client learnt from them. */
record KeyedRequests(String key, List<RequestRecord> requests) {

    /** What the client knows about a key's effect. */
    enum Answer {
        /** At least one request was acknowledged: the effect must happen, once. */
        ACKED,
        /** None acknowledged, at least one without a definite answer: the effect may happen, at most once. */
        UNCERTAIN,
        /** Every request refused ({@code 4xx}, {@code 429}, {@code 503 overloaded}): no effect. */
        REFUSED
    }

    /** Groups requests by key, in the order their keys were first sent. */
    static Map<String, KeyedRequests> byKey(List<RequestRecord> requests) {
        return requests.stream().sorted(java.util.Comparator.comparingLong(RequestRecord::seq))
                .collect(Collectors.groupingBy(RequestRecord::idempotencyKey, LinkedHashMap::new, Collectors.toList()))
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> new KeyedRequests(e.getKey(), e.getValue()), (a, b) -> a, LinkedHashMap::new));
    }

    Answer answer() {
        if (requests.stream().anyMatch(RequestRecord::acked)) {
            return Answer.ACKED;
        }
        return requests.stream().anyMatch(RequestRecord::uncertain) ? Answer.UNCERTAIN : Answer.REFUSED;
    }

    RequestRecord first() {
        return requests.get(0);
    }

    long firstSeq() {
        return first().seq();
    }

    /** The event whose row and outcome hold this key's effect. */
    String effectEventId() {
        return first().effectEventId();
    }
}
