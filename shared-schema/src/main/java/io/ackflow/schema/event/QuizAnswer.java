package io.ackflow.schema.event;

import java.time.Instant;

/**
 * An answer to a quiz question, from HTTP or a Telegram callback query. Topic {@code QUIZ_ANSWERS}, key quiz id.
 *
 * @param via {@code http} or {@code telegram}
 * @param callbackQueryId the Telegram callback query to answer, when via telegram
 * @param chatId the Telegram chat of the player, when known
 */
public record QuizAnswer(
        String eventId,
        String quizId,
        String userId,
        String questionId,
        String optionId,
        Instant answeredAt,
        String via,
        String callbackQueryId,
        Long chatId) {}
