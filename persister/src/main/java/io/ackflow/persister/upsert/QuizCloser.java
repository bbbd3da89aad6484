package io.ackflow.persister.upsert;

import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Headers;
import io.ackflow.schema.Json;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.TelegramSend;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Closes a quiz once, inside the flush transaction: sets {@code closed_at} (only if not set), writes the final
 * leaderboard to {@code quiz_results} with one query, and queues one result message per participant with a chat id in
 * the outbox. A second close, or a replay of the marker, finds {@code closed_at} set and does nothing.
 *
 * <p>Scoring: an answer counts when it is the first for its (user, question) and {@code answered_at <= closed_at}.
 * Score = sum of the points of counted correct answers. Ties: the earlier last counted correct answer, then user id.
 */
public final class QuizCloser {
    /** The kind of the result messages, for the sender's staleness cut-off and metrics. */
    public static final String MESSAGE_KIND = "quiz-result";

    private static final String CLOSE = "INSERT INTO quizzes (quiz_id, closed_at) VALUES (?, ?) "
            + "ON CONFLICT (quiz_id) DO UPDATE SET closed_at = EXCLUDED.closed_at WHERE quizzes.closed_at IS NULL "
            + "RETURNING title, bot_id, COALESCE(reward_top_n, 0)";

    private static final String RESULTS = """
            INSERT INTO quiz_results (quiz_id, user_id, rank, score, correct, last_correct_at, chat_id, rewarded)
            SELECT quiz_id, user_id, rank, score, correct, last_correct_at, chat_id, rank <= ?
            FROM (
                SELECT quiz_id, user_id,
                       COALESCE(sum(points) FILTER (WHERE correct), 0) AS score,
                       count(*) FILTER (WHERE correct) AS correct,
                       max(answered_at) FILTER (WHERE correct) AS last_correct_at,
                       max(chat_id) AS chat_id,
                       row_number() OVER (ORDER BY COALESCE(sum(points) FILTER (WHERE correct), 0) DESC,
                                          max(answered_at) FILTER (WHERE correct) ASC NULLS LAST,
                                          user_id) AS rank
                FROM quiz_answers
                WHERE quiz_id = ? AND answered_at <= ?
                GROUP BY quiz_id, user_id
            ) ranked
            ON CONFLICT (quiz_id, user_id) DO NOTHING
            RETURNING user_id, rank, score, chat_id, rewarded""";

    private final Clock clock;

    public QuizCloser(Clock clock) {
        this.clock = clock;
    }

    /** What a close did: the number of participants ranked and of result messages queued (0 when already closed). */
    public record Closed(int results, int messages) {}

    public Closed close(Connection c, QuizCloseRow close) throws SQLException {
        String title;
        String botId;
        int rewardTopN;
        try (PreparedStatement ps = c.prepareStatement(CLOSE)) {
            ps.setString(1, close.quizId());
            ps.setTimestamp(2, Timestamp.from(close.closedAt()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new Closed(0, 0);
                }
                title = rs.getString(1);
                botId = rs.getString(2);
                rewardTopN = rs.getInt(3);
            }
        }
        List<OutboxRow> messages = new ArrayList<>();
        int results = 0;
        try (PreparedStatement ps = c.prepareStatement(RESULTS)) {
            ps.setInt(1, rewardTopN);
            ps.setString(2, close.quizId());
            ps.setTimestamp(3, Timestamp.from(close.closedAt()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    results++;
                    long chatId = rs.getLong(4);
                    if (!rs.wasNull() && botId != null) {
                        messages.add(message(close.quizId(), title, botId, rs.getString(1), rs.getInt(2),
                                rs.getLong(3), rs.getBoolean(5), chatId));
                    }
                }
            }
        }
        RowWriters.OUTBOX.write(c, messages);
        return new Closed(results, messages.size());
    }

    private OutboxRow message(String quizId, String title, String botId, String userId, int rank, long score,
            boolean rewarded, long chatId) {
        String messageId = "quiz-result:" + quizId + ":" + userId;
        String text = "Quiz \"" + (title == null ? quizId : title) + "\" is over. You placed #" + rank + " with "
                + score + (score == 1 ? " point." : " points.") + (rewarded ? " You won a reward!" : "");
        TelegramSend send = new TelegramSend(messageId, botId, chatId, TelegramSend.SEND_MESSAGE,
                Json.MAPPER.createObjectNode().put("text", text), MESSAGE_KIND, clock.instant());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(Headers.EVENT_ID, messageId);
        headers.put(Headers.EVENT_TYPE, EventTypes.TELEGRAM_SEND);
        return new OutboxRow(messageId, Topics.TELEGRAM_OUTBOUND, Long.toString(chatId),
                new String(Json.write(send), StandardCharsets.UTF_8),
                new String(Json.write(headers), StandardCharsets.UTF_8));
    }
}
