package io.ackflow.workers.telegram.send.internal;

import io.ackflow.schema.event.TelegramSend;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The send ledger ({@code telegram_sends}): a message is claimed before the Bot API is called, and its outcome is
 * recorded after. A message whose row is in a final state is never sent again, whatever Kafka redelivers.
 *
 * <p>States: {@code sending} (claimed, call in progress), {@code retry} (a call failed in a way that proves nothing was
 * delivered: 429, 5xx, no connection), {@code sent}, {@code failed} (400/403: rejected for good), {@code dead}
 * (retries exhausted), {@code stale} (dropped, too old), {@code uncertain} (the call may have been delivered; never
 * resent automatically). An operator's redrive from the dead-letter topic carries a higher redrive count and may
 * re-claim a {@code failed}, {@code dead} or {@code uncertain} message once.
 */
public final class SendLedger {
    /** States after which a message is never sent again (without a redrive). */
    public static final Set<String> FINAL = Set.of("sent", "failed", "dead", "stale", "uncertain");

    /** The result of a claim. */
    public sealed interface Claim {
        /** This instance may call the API; {@code attempts} counts this call. */
        record Claimed(int attempts) implements Claim {}

        /** The message already has a final outcome. */
        record Finished(String state) implements Claim {}

        /** Another claim is open; {@code age} is how long ago it was made. */
        record Open(Duration age) implements Claim {}
    }

    private static final String CLAIM = """
            INSERT INTO telegram_sends (message_id, state, bot_id, chat_id, method, kind, attempts, redrives, claimed_at, updated_at)
            VALUES (?, 'sending', ?, ?, ?, ?, 1, ?, now(), now())
            ON CONFLICT (message_id) DO UPDATE
               SET state = 'sending', attempts = telegram_sends.attempts + 1, redrives = EXCLUDED.redrives,
                   claimed_at = now(), updated_at = now()
             WHERE telegram_sends.state = 'retry'
                OR (EXCLUDED.redrives > telegram_sends.redrives AND telegram_sends.state IN ('failed', 'dead', 'uncertain'))
            RETURNING attempts""";

    private final JdbcTemplate jdbc;

    public SendLedger(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public Claim claim(TelegramSend send, int redriveCount) {
        Integer attempts = jdbc.query(CLAIM, rs -> rs.next() ? rs.getInt(1) : null,
                send.messageId(), send.botId(), send.chatId(), send.method(), send.kind(), redriveCount);
        if (attempts != null) {
            return new Claim.Claimed(attempts);
        }
        return jdbc.query("""
                SELECT state, extract(epoch FROM now() - coalesce(claimed_at, updated_at)) * 1000
                  FROM telegram_sends WHERE message_id = ?""", rs -> {
            if (!rs.next()) {
                // deleted between the two statements (an operator's doing): try again later
                return new Claim.Open(Duration.ZERO);
            }
            String state = rs.getString(1);
            return "sending".equals(state)
                    ? new Claim.Open(Duration.ofMillis(rs.getLong(2)))
                    : new Claim.Finished(state);
        }, send.messageId());
    }

    public void sent(String messageId, Long telegramMessageId) {
        jdbc.update("""
                UPDATE telegram_sends SET state = 'sent', sent_at = now(), telegram_message_id = ?, last_error = NULL,
                       updated_at = now()
                 WHERE message_id = ?""", telegramMessageId, messageId);
    }

    /** Records an outcome: {@code retry} or one of the final states. */
    public void record(String messageId, String state, String error) {
        jdbc.update("UPDATE telegram_sends SET state = ?, last_error = ?, updated_at = now() WHERE message_id = ?",
                state, truncate(error), messageId);
    }

    /**
     * Records a message dropped without a call (stale): a new row, or one in {@code retry}, whose earlier calls
     * provably did not deliver it (a 429 or a 5xx, then a restart that made it too old). A final state or an open
     * claim is left as it is.
     */
    public void recordUnclaimed(TelegramSend send, String state, String error) {
        jdbc.update("""
                INSERT INTO telegram_sends (message_id, state, bot_id, chat_id, method, kind, last_error, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, now())
                ON CONFLICT (message_id) DO UPDATE SET state = EXCLUDED.state, last_error = EXCLUDED.last_error,
                       updated_at = now()
                 WHERE telegram_sends.state = 'retry'""",
                send.messageId(), state, send.botId(), send.chatId(), send.method(), send.kind(), truncate(error));
    }

    /** Marks an open claim uncertain if it is still open. Returns true if this call changed it. */
    public boolean abandon(String messageId, String error) {
        return jdbc.update("""
                UPDATE telegram_sends SET state = 'uncertain', last_error = ?, updated_at = now()
                 WHERE message_id = ? AND state = 'sending'""", truncate(error), messageId) == 1;
    }

    /** Of {@code messageIds}, those that have a final state: a batch check so that a replay skips them quickly. */
    public Set<String> finished(Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Set.of();
        }
        return jdbc.execute((Connection c) -> {
            Array ids = c.createArrayOf("text", messageIds.toArray());
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT message_id FROM telegram_sends WHERE message_id = ANY(?) AND state <> ALL(?)")) {
                ps.setArray(1, ids);
                ps.setArray(2, c.createArrayOf("text", new Object[] {"sending", "retry", "failed", "dead", "uncertain"}));
                Set<String> out = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            } finally {
                ids.free();
            }
        });
    }

    /** The state of one message, or null. For tests and operators. */
    public String state(String messageId) {
        return jdbc.query("SELECT state FROM telegram_sends WHERE message_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, messageId);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
