package io.ackflow.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuizCheckTest {
    private static final java.util.function.Predicate<String> HTTP_PLAYERS = u -> u.startsWith("h");

    @Test
    void theFirstAcknowledgedAnswerCountingIsCorrect() {
        RequestRecord first = Records.answer(1, "h1", "q0", "a", 202);
        RequestRecord second = Records.answer(9, "h1", "q0", "b", 202);

        Effects e = QuizCheck.check(List.of(first, second), rows("h1/q0", first), HTTP_PLAYERS);

        assertThat(e.lost() + e.wrong() + e.refusedWithEffect() + e.uncertainWithEffect()).isZero();
        assertThat(e.figures()).containsEntry("second answers", 1L).containsEntry("questions answered", 1L);
    }

    @Test
    void aLaterAnswerCountedInsteadOfTheFirstIsWrong() {
        RequestRecord first = Records.answer(1, "h1", "q0", "a", 202);
        RequestRecord second = Records.answer(9, "h1", "q0", "b", 202);

        Effects e = QuizCheck.check(List.of(first, second), rows("h1/q0", second), HTTP_PLAYERS);

        assertThat(e.wrong()).isEqualTo(1);
        assertThat(e.details()).singleElement().asString().contains("instead of the first");
    }

    @Test
    void anAcknowledgedAnswerWithoutARowIsLost() {
        Effects e = QuizCheck.check(List.of(Records.answer(1, "h1", "q0", "a", 202)), Map.of(), HTTP_PLAYERS);

        assertThat(e.lost()).isEqualTo(1);
    }

    @Test
    void aRefusedAnswerThatCountedIsARefusedEffectAndAnUncertainOneIsAllowed() {
        RequestRecord refused = Records.answer(1, "h1", "q0", "a", 429);
        RequestRecord uncertain = Records.answer(2, "h2", "q0", "a", 503);

        Effects e = QuizCheck.check(List.of(refused, uncertain),
                Map.of("h1/q0", row(refused), "h2/q0", row(uncertain)), HTTP_PLAYERS);

        assertThat(e.refusedWithEffect()).isEqualTo(1);
        assertThat(e.uncertainWithEffect()).isEqualTo(1);
        assertThat(e.lost() + e.wrong()).isZero();
    }

    @Test
    void aRepeatOfTheSameKeyIsOneAnswer() {
        RequestRecord first = Records.answer(1, "h1", "q0", "a", 0);
        RequestRecord retry = Records.repeat(first, 2, 202);

        Effects e = QuizCheck.check(List.of(first, retry), rows("h1/q0", first), HTTP_PLAYERS);

        assertThat(e.figures()).doesNotContainKey("second answers");
        assertThat(e.lost() + e.wrong() + e.uncertainWithEffect()).isZero();
    }

    @Test
    void aRowNobodyAnsweredIsWrongButOtherKindsRowsAreIgnored() {
        Map<String, StoredState.QuizRow> rows = Map.of("h7/q1", new StoredState.QuizRow("ev-x", "a"),
                "12345/q1", new StoredState.QuizRow("ev-y", "a"));

        Effects e = QuizCheck.check(List.of(), rows, HTTP_PLAYERS);

        assertThat(e.wrong()).isEqualTo(1);
    }

    private static Map<String, StoredState.QuizRow> rows(String key, RequestRecord counted) {
        return Map.of(key, row(counted));
    }

    private static StoredState.QuizRow row(RequestRecord counted) {
        return new StoredState.QuizRow(counted.effectEventId(), counted.value());
    }
}
