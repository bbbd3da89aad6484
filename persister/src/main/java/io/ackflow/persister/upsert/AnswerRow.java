package io.ackflow.persister.upsert;

import java.time.Instant;
import java.util.Comparator;

/**
 * A row of {@code quiz_answers}: the first answer per (quiz, user, question) by {@code answeredAt}, ties to the
 * smaller event id. Answers after the quiz's {@code closed_at} are stored but not counted.
 */
public record AnswerRow(
        String quizId,
        String userId,
        String questionId,
        String optionId,
        boolean correct,
        int points,
        Instant answeredAt,
        String eventId,
        Long chatId) {

    /** Orders answers so that the one that counts is the least. */
    public static final Comparator<AnswerRow> RULE =
            Comparator.comparing(AnswerRow::answeredAt).thenComparing(AnswerRow::eventId);

    public static AnswerRow first(AnswerRow a, AnswerRow b) {
        return RULE.compare(b, a) < 0 ? b : a;
    }
}
