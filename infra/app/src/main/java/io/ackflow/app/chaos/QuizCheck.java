package io.ackflow.app.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Quiz answers against the stored rows: per (player, question) the row must be the first acknowledged answer (a second
 * answer is only sent once the first was acknowledged, so "first" is unambiguous); an earlier answer without a
 * definite reply may have counted instead, a refused one never.
 */
final class QuizCheck {
    private QuizCheck() {}

    /**
     * @param answers answer requests of one kind (HTTP answers, or Telegram {@code callback_query} updates)
     * @param rows {@code user/question} to the stored row, for the quiz
     * @param players which users' rows belong to {@code answers}' kind
     */
    static Effects check(List<RequestRecord> answers, Map<String, StoredState.QuizRow> rows,
            Predicate<String> players) {
        Effects e = new Effects();
        Map<String, List<KeyedRequests>> byQuestion = KeyedRequests.byKey(answers).values().stream()
                .collect(Collectors.groupingBy(k -> k.first().actor() + "/" + k.first().item(), LinkedHashMap::new,
                        Collectors.toList()));
        for (var q : byQuestion.entrySet()) {
            List<KeyedRequests> keys = new ArrayList<>(q.getValue());
            keys.sort(java.util.Comparator.comparingLong(KeyedRequests::firstSeq));
            if (keys.size() > 1) {
                e.count("second answers");
            }
            check(q.getKey(), keys, rows.get(q.getKey()), e);
        }
        for (String key : rows.keySet()) {
            if (players.test(key.substring(0, key.indexOf('/'))) && !byQuestion.containsKey(key)) {
                e.wrong("a row for " + key + ", which nobody answered: " + rows.get(key));
            }
        }
        return e;
    }

    private static void check(String question, List<KeyedRequests> keys, StoredState.QuizRow row, Effects e) {
        KeyedRequests first = keys.stream().filter(k -> k.answer() == KeyedRequests.Answer.ACKED).findFirst()
                .orElse(null);
        if (row == null) {
            if (first != null) {
                e.lost(question + ": acknowledged answer " + first.effectEventId() + " has no row");
            }
            return;
        }
        e.count("questions answered");
        if (first != null && row.eventId().equals(first.effectEventId())) {
            return;
        }
        KeyedRequests counted = keys.stream().filter(k -> k.effectEventId().equals(row.eventId())).findFirst()
                .orElse(null);
        if (counted == null) {
            e.wrong(question + ": the row holds " + row.eventId() + ", which no request of this run sent");
        } else if (counted.answer() == KeyedRequests.Answer.REFUSED) {
            e.refusedWithEffect(question + ": refused answer " + counted.key() + " counted");
        } else if (counted.answer() == KeyedRequests.Answer.UNCERTAIN
                && (first == null || counted.firstSeq() < first.firstSeq())) {
            e.uncertainHadEffect();
        } else {
            e.wrong(question + ": answer " + counted.key() + " counted instead of the first acknowledged one, "
                    + (first == null ? "none" : first.key()));
        }
    }
}
