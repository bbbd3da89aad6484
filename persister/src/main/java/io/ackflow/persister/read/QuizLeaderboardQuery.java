package io.ackflow.persister.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A quiz's leaderboard in one query: the final results ({@code quiz_results}, by rank) once the quiz is closed, else
 * the live standings computed from {@code quiz_answers} (its primary key {@code (quiz_id, user_id, question_id)}
 * serves the per-quiz scan). Score = points of correct first answers; ties: the earlier last correct answer, then
 * user id.
 */
public final class QuizLeaderboardQuery {
    public static final String SQL = """
            WITH q AS (SELECT closed_at FROM quizzes WHERE quiz_id = ?),
            live AS (
                SELECT user_id,
                       COALESCE(sum(points) FILTER (WHERE correct), 0) AS score,
                       count(*) FILTER (WHERE correct) AS correct,
                       max(answered_at) FILTER (WHERE correct) AS last_correct_at
                FROM quiz_answers
                WHERE quiz_id = ? AND NOT EXISTS (SELECT 1 FROM q WHERE closed_at IS NOT NULL)
                GROUP BY user_id),
            entries AS (
                SELECT rank::bigint AS rank, user_id, score, correct::bigint AS correct, last_correct_at
                FROM quiz_results
                WHERE quiz_id = ? AND EXISTS (SELECT 1 FROM q WHERE closed_at IS NOT NULL)
                UNION ALL
                SELECT row_number() OVER (ORDER BY score DESC, last_correct_at ASC NULLS LAST, user_id),
                       user_id, score, correct, last_correct_at
                FROM live)
            SELECT COALESCE((SELECT closed_at IS NOT NULL FROM q), false) AS closed,
                   e.rank, e.user_id, e.score, e.correct, e.last_correct_at
            FROM (SELECT 1) AS one
            LEFT JOIN (SELECT * FROM entries ORDER BY rank LIMIT ?) AS e ON true
            ORDER BY e.rank""";

    private final JdbcTemplate jdbc;

    public QuizLeaderboardQuery(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** {@code {"quiz_id", "closed", "entries": [{"rank", "user_id", "score", "correct", "last_correct_at"}]}}. */
    public Map<String, Object> leaderboard(String quizId, int limit) {
        List<Map<String, Object>> entries = new ArrayList<>();
        boolean[] closed = {false};
        jdbc.query(SQL, rs -> {
            closed[0] = rs.getBoolean("closed");
            if (rs.getString("user_id") == null) {
                return;
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("rank", rs.getLong("rank"));
            e.put("user_id", rs.getString("user_id"));
            e.put("score", rs.getLong("score"));
            e.put("correct", rs.getLong("correct"));
            e.put("last_correct_at", Rows.instant(rs, "last_correct_at"));
            entries.add(e);
        }, quizId, quizId, quizId, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("quiz_id", quizId);
        body.put("closed", closed[0]);
        body.put("entries", entries);
        return body;
    }
}
