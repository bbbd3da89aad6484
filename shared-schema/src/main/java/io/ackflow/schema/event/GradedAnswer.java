package io.ackflow.schema.event;

import java.time.Instant;

/**
 * A graded answer. Topic {@code QUIZ_GRADED}, key quiz id. The first answer per (quiz, user, question) counts: the
 * persister keeps the one with the earliest {@code answeredAt} (ties: smallest event id).
 */
public record GradedAnswer(
        String eventId,
        String quizId,
        String userId,
        String questionId,
        String optionId,
        boolean correct,
        int points,
        Instant answeredAt,
        Long chatId) {}
