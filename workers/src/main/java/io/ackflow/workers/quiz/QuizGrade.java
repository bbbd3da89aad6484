package io.ackflow.workers.quiz;

import io.ackflow.schema.event.QuizAnswer;
import io.ackflow.schema.event.QuizDefined;
import java.time.Instant;
import java.util.Optional;

/**
 * The grade of one answer. Rules, in order: the quiz exists, the question is in it, the option is in the question, and
 * the answer falls inside {@code [opens_at, closes_at)}. Scoring: a correct answer earns {@value #POINTS_PER_CORRECT}
 * point, a wrong one 0. The leaderboard (computed by the persister) ranks by total points, ties broken by the earlier
 * time of the player's last correct answer; only the first answer per (quiz, user, question) counts.
 */
public record QuizGrade(String rejection, boolean correct, int points, int questionIndex) {
    public static final int POINTS_PER_CORRECT = 1;
    public static final String UNKNOWN_QUIZ = "unknown_quiz";
    public static final String UNKNOWN_QUESTION = "unknown_question";
    public static final String UNKNOWN_OPTION = "unknown_option";
    public static final String QUIZ_NOT_OPEN = "quiz_not_open";
    public static final String QUIZ_CLOSED = "quiz_closed";

    public boolean accepted() {
        return rejection == null;
    }

    public static QuizGrade grade(QuizAnswer answer, Instant answeredAt, Optional<QuizDefined> quiz) {
        if (quiz.isEmpty()) {
            return rejected(UNKNOWN_QUIZ);
        }
        QuizDefined q = quiz.get();
        int index = q.questions() == null ? -1 : QuizMessages.indexOf(q, answer.questionId());
        if (index < 0) {
            return rejected(UNKNOWN_QUESTION);
        }
        QuizDefined.Question question = q.questions().get(index);
        if (question.options().stream().noneMatch(o -> o.id().equals(answer.optionId()))) {
            return rejected(UNKNOWN_OPTION);
        }
        if (q.opensAt() != null && answeredAt.isBefore(q.opensAt())) {
            return rejected(QUIZ_NOT_OPEN);
        }
        if (q.closesAt() != null && !answeredAt.isBefore(q.closesAt())) {
            return rejected(QUIZ_CLOSED);
        }
        boolean correct = answer.optionId().equals(question.correctOptionId());
        return new QuizGrade(null, correct, correct ? POINTS_PER_CORRECT : 0, index);
    }

    private static QuizGrade rejected(String reason) {
        return new QuizGrade(reason, false, 0, -1);
    }

    /** What to tell a Telegram player whose answer was rejected. */
    public String playerText() {
        if (rejection == null) {
            return correct ? "Correct ✅" : "Wrong ❌";
        }
        return switch (rejection) {
            case QUIZ_CLOSED -> "This quiz is closed.";
            case QUIZ_NOT_OPEN -> "This quiz has not started yet.";
            default -> "This answer is not part of the quiz.";
        };
    }
}
