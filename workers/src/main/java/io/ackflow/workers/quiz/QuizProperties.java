package io.ackflow.workers.quiz;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ackflow.workers.quiz.*}.
 *
 * @param closeCheckInterval how often the closer looks for quizzes whose {@code closes_at} has passed (default 1s,
 *     100ms-1m); also the largest delay between {@code closes_at} and the close marker
 * @param closeLookback quizzes that closed longer ago than this when the process starts are not closed again
 *     (default 24h, 1m-30d); closing again is harmless, this only avoids re-sending old closes at every start
 * @param rememberedAnswers how many (quiz, user, question) answers are remembered in memory to tell a player
 *     "already answered" (default 100000, 0-10000000); the persister's first-answer rule decides in any case
 */
@ConfigurationProperties("ackflow.workers.quiz")
public record QuizProperties(Duration closeCheckInterval, Duration closeLookback, Integer rememberedAnswers) {
    public QuizProperties {
        closeCheckInterval = closeCheckInterval == null ? Duration.ofSeconds(1) : closeCheckInterval;
        closeLookback = closeLookback == null ? Duration.ofHours(24) : closeLookback;
        rememberedAnswers = rememberedAnswers == null ? 100_000 : rememberedAnswers;
        if (closeCheckInterval.compareTo(Duration.ofMillis(100)) < 0
                || closeCheckInterval.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException(
                    "ackflow.workers.quiz.close-check-interval must be between 100ms and 1m, got " + closeCheckInterval);
        }
        if (closeLookback.compareTo(Duration.ofMinutes(1)) < 0 || closeLookback.compareTo(Duration.ofDays(30)) > 0) {
            throw new IllegalArgumentException(
                    "ackflow.workers.quiz.close-lookback must be between 1m and 30d, got " + closeLookback);
        }
        if (rememberedAnswers < 0 || rememberedAnswers > 10_000_000) {
            throw new IllegalArgumentException(
                    "ackflow.workers.quiz.remembered-answers must be between 0 and 10000000, got " + rememberedAnswers);
        }
    }
}
