package io.ackflow.schema.event;

import java.time.Instant;
import java.util.List;

/** A quiz. Topic {@code QUIZZES}, key quiz id. */
public record QuizDefined(
        String quizId,
        String title,
        String botId,
        List<Long> chatIds,
        Instant opensAt,
        Instant closesAt,
        List<Question> questions,
        int rewardTopN) {

    public record Question(String id, String text, List<Option> options, String correctOptionId) {}

    public record Option(String id, String text) {}
}
