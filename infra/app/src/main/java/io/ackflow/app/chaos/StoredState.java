package io.ackflow.app.chaos;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the persister and the workers wrote to PostgreSQL, read straight from the tables the read API serves
 * ({@code events}, {@code bids}, {@code quiz_answers}, {@code orders}) and the Telegram send ledger.
 */
final class StoredState {
    /** The stored first answer to a question. */
    record QuizRow(String eventId, String optionId) {}

    private final String jdbcUrl;

    StoredState(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** Event id to status ({@code queued}, {@code accepted}, {@code rejected}, {@code failed}) of those recorded. */
    Map<String, String> statuses(Collection<String> ids) throws SQLException {
        return query("SELECT event_id, status FROM events WHERE event_id = ANY (?)", ids, rs -> rs.getString(2));
    }

    /** {@code auction/bidder} to the stored (highest) amount. */
    Map<String, BigDecimal> bidRows(List<String> auctions) throws SQLException {
        Map<String, BigDecimal> out = new HashMap<>();
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT auction_id, bidder_id, amount FROM bids WHERE auction_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", auctions.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + "/" + rs.getString(2), rs.getBigDecimal(3));
                }
            }
        }
        return out;
    }

    /** {@code user/question} to the answer that counts, for one quiz. */
    Map<String, QuizRow> quizRows(String quizId) throws SQLException {
        Map<String, QuizRow> out = new HashMap<>();
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT user_id, question_id, event_id, option_id FROM quiz_answers WHERE quiz_id = ?")) {
            ps.setString(1, quizId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + "/" + rs.getString(2), new QuizRow(rs.getString(3), rs.getString(4)));
                }
            }
        }
        return out;
    }

    /** Order id to status, for one account. */
    Map<String, String> orderStatuses(String accountId) throws SQLException {
        return query("SELECT order_id, status FROM orders WHERE account_id = ANY (?)", List.of(accountId),
                rs -> rs.getString(2));
    }

    /** Message id to ledger state ({@code sent}, {@code uncertain}, ...), for one bot. */
    Map<String, String> telegramLedger(String botId) throws SQLException {
        return query("SELECT message_id, state FROM telegram_sends WHERE bot_id = ANY (?)", List.of(botId),
                rs -> rs.getString(2));
    }

    /** Message ids the Telegram sender gave up as {@code uncertain} (not resent; dead-lettered). */
    java.util.Set<String> uncertainSends() throws SQLException {
        return query("SELECT message_id, state FROM telegram_sends WHERE state = ANY (?)", List.of("uncertain"),
                rs -> rs.getString(2)).keySet();
    }

    /**
     * The persister's own offsets (next offset per partition, stored with the rows), which are the truth about its
     * progress; it commits them to Kafka only for lag tools, and a commit that fails (a broker restarting) is not
     * repeated until the partition gets a new record.
     */
    Map<org.apache.kafka.common.TopicPartition, Long> persisterOffsets(String group) throws SQLException {
        Map<org.apache.kafka.common.TopicPartition, Long> out = new HashMap<>();
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT topic, partition, next_offset FROM persister_offsets WHERE consumer_group = ?")) {
            ps.setString(1, group);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(new org.apache.kafka.common.TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
                }
            }
        }
        return out;
    }

    private interface Column {
        String read(ResultSet rs) throws SQLException;
    }

    private Map<String, String> query(String sql, Collection<String> values, Column value) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", values.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), value.read(rs));
                }
            }
        }
        return out;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "");
    }
}
