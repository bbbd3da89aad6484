package io.ackflow.workers.quiz;

import io.ackflow.schema.event.QuizDefined;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code callback_data} of an answer button, at most 64 bytes (Telegram's limit):
 *
 * <ul>
 *   <li>{@code a:<quizId>:<questionId>:<optionId>} when it fits;
 *   <li>else {@code i:<quizId>:<questionIndex>:<optionIndex>} (indexes into the quiz definition).
 * </ul>
 *
 * A quiz id too long for either form cannot be played over Telegram ({@link #encode} returns empty).
 */
public record QuizCallbackData(String quizId, String questionId, String optionId) {
    public static final int MAX_BYTES = 64;

    public static Optional<String> encode(QuizDefined quiz, int questionIndex, int optionIndex) {
        QuizDefined.Question q = quiz.questions().get(questionIndex);
        String byId = "a:" + quiz.quizId() + ":" + q.id() + ":" + q.options().get(optionIndex).id();
        if (fits(byId) && !q.id().contains(":") && !q.options().get(optionIndex).id().contains(":")) {
            return Optional.of(byId);
        }
        String byIndex = "i:" + quiz.quizId() + ":" + questionIndex + ":" + optionIndex;
        return fits(byIndex) ? Optional.of(byIndex) : Optional.empty();
    }

    /**
     * Parses {@code data}; {@code quizzes} resolves a quiz id for the index form. Empty when it is not answer data.
     */
    public static Optional<QuizCallbackData> decode(String data, Function<String, Optional<QuizDefined>> quizzes) {
        if (data == null || data.length() < 3 || data.charAt(1) != ':') {
            return Optional.empty();
        }
        String rest = data.substring(2);
        int last = rest.lastIndexOf(':');
        int middle = last < 0 ? -1 : rest.lastIndexOf(':', last - 1);
        if (middle <= 0) {
            return Optional.empty();
        }
        String quizId = rest.substring(0, middle);
        String second = rest.substring(middle + 1, last);
        String third = rest.substring(last + 1);
        switch (data.charAt(0)) {
            case 'a':
                return Optional.of(new QuizCallbackData(quizId, second, third));
            case 'i':
                try {
                    int qi = Integer.parseInt(second);
                    int oi = Integer.parseInt(third);
                    return quizzes.apply(quizId)
                            .filter(qz -> qi >= 0 && qi < qz.questions().size()
                                    && oi >= 0 && oi < qz.questions().get(qi).options().size())
                            .map(qz -> new QuizCallbackData(quizId, qz.questions().get(qi).id(),
                                    qz.questions().get(qi).options().get(oi).id()));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            default:
                return Optional.empty();
        }
    }

    private static boolean fits(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }
}
