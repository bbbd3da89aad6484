package io.ackflow.persister.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An auction's leaderboard, highest bid first, with display names, in one query served by
 * {@code bids_leaderboard_idx (auction_id, amount DESC, placed_at, bidder_id) INCLUDE (display_name)}: an index
 * (only) scan that stops after {@code limit} rows, however many bids the auction has.
 */
public final class AuctionLeaderboardQuery {
    public static final String SQL = "SELECT bidder_id, display_name, amount, placed_at FROM bids "
            + "WHERE auction_id = ? ORDER BY amount DESC, placed_at, bidder_id LIMIT ?";

    private final JdbcTemplate jdbc;

    public AuctionLeaderboardQuery(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** {@code {"auction_id", "entries": [{"rank", "bidder_id", "display_name", "amount", "placed_at"}]}}. */
    public Map<String, Object> leaderboard(String auctionId, int limit) {
        List<Map<String, Object>> entries = new ArrayList<>();
        jdbc.query(SQL, rs -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("rank", entries.size() + 1);
            e.put("bidder_id", rs.getString("bidder_id"));
            e.put("display_name", rs.getString("display_name"));
            e.put("amount", rs.getBigDecimal("amount"));
            e.put("placed_at", Rows.instant(rs, "placed_at"));
            entries.add(e);
        }, auctionId, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("auction_id", auctionId);
        body.put("entries", entries);
        return body;
    }
}
