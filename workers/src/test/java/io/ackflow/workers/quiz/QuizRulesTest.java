package io.ackflow.workers.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.schema.event.QuizAnswer;
import io.ackflow.schema.event.QuizDefined;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuizRulesTest {
    static final Instant T = Instant.parse("2030-01-01T10:00:00Z");

    static QuizDefined quiz(String id, String questionId) {
        return new QuizDefined(id, "t", "bot", List.of(), T, T.plusSeconds(60), List.of(new QuizDefined.Question(
                questionId, "?", List.of(new QuizDefined.Option("x", "X"), new QuizDefined.Option("y", "Y")), "y")), 1);
    }

    static QuizAnswer answer(String question, String option) {
        return new QuizAnswer("e", "q", "u", question, option, T, "http", null, null);
    }

    @Test
    void gradesOnePointPerCorrectAnswerAndNamesRejections() {
        Optional<QuizDefined> q = Optional.of(quiz("q", "q1"));
        assertThat(QuizGrade.grade(answer("q1", "y"), T, q)).extracting(QuizGrade::correct, QuizGrade::points)
                .containsExactly(true, 1);
        assertThat(QuizGrade.grade(answer("q1", "x"), T, q).points()).isZero();
        assertThat(QuizGrade.grade(answer("q2", "x"), T, q).rejection()).isEqualTo("unknown_question");
        assertThat(QuizGrade.grade(answer("q1", "z"), T, q).rejection()).isEqualTo("unknown_option");
        assertThat(QuizGrade.grade(answer("q1", "y"), T.minusMillis(1), q).rejection()).isEqualTo("quiz_not_open");
        assertThat(QuizGrade.grade(answer("q1", "y"), T.plusSeconds(60), q).rejection()).isEqualTo("quiz_closed");
        assertThat(QuizGrade.grade(answer("q1", "y"), T, Optional.empty()).rejection()).isEqualTo("unknown_quiz");
    }

    @Test
    void callbackDataStaysWithin64BytesAndRoundTrips() {
        QuizDefined shortIds = quiz("quiz-1", "q1");
        String data = QuizCallbackData.encode(shortIds, 0, 1).orElseThrow();
        assertThat(data).isEqualTo("a:quiz-1:q1:y");
        assertThat(QuizCallbackData.decode(data, id -> Optional.empty()))
                .contains(new QuizCallbackData("quiz-1", "q1", "y"));

        String longQuestion = "question-with-a-rather-long-identifier-0123456789";
        QuizDefined longIds = quiz("5f0e8a8e-3c1b-4b7e-9f55-0d2a7c1e9b11", longQuestion);
        String indexed = QuizCallbackData.encode(longIds, 0, 1).orElseThrow();
        assertThat(indexed).startsWith("i:");
        assertThat(indexed.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64);
        assertThat(QuizCallbackData.decode(indexed, id -> Optional.of(longIds)))
                .contains(new QuizCallbackData(longIds.quizId(), longQuestion, "y"));
        assertThat(QuizCallbackData.decode("garbage", id -> Optional.empty())).isEmpty();
    }
}
