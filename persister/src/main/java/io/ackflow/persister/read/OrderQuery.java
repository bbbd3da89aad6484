package io.ackflow.persister.read;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Orders, one query each: by primary key, or an account's newest first through
 * {@code orders_account_idx (account_id, created_at DESC, order_id DESC)}.
 */
public final class OrderQuery {
    private static final String COLUMNS = "SELECT order_id, account_id, source_id, status, symbol, side, quantity, "
            + "price, order_type, filled_quantity, fill_price, broker_order_id, reason, created_at, updated_at "
            + "FROM orders ";
    public static final String BY_ID = COLUMNS + "WHERE order_id = ?";
    public static final String BY_ACCOUNT =
            COLUMNS + "WHERE account_id = ? ORDER BY created_at DESC, order_id DESC LIMIT ?";

    private final JdbcTemplate jdbc;

    public OrderQuery(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public Optional<Map<String, Object>> order(String orderId) {
        return jdbc.query(BY_ID, (rs, i) -> order(rs), orderId).stream().findFirst();
    }

    /** {@code {"account_id", "orders": [...]}}, newest first. */
    public Map<String, Object> accountOrders(String accountId, int limit) {
        List<Map<String, Object>> orders = jdbc.query(BY_ACCOUNT, (rs, i) -> order(rs), accountId, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("account_id", accountId);
        body.put("orders", orders);
        return body;
    }

    private static Map<String, Object> order(ResultSet rs) throws SQLException {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("order_id", rs.getString("order_id"));
        o.put("account_id", rs.getString("account_id"));
        o.put("source_id", rs.getString("source_id"));
        o.put("status", rs.getString("status"));
        o.put("symbol", rs.getString("symbol"));
        o.put("side", rs.getString("side"));
        o.put("quantity", rs.getBigDecimal("quantity"));
        o.put("price", rs.getBigDecimal("price"));
        o.put("order_type", rs.getString("order_type"));
        o.put("reason", rs.getString("reason"));
        o.put("broker_order_id", rs.getString("broker_order_id"));
        Object filled = rs.getBigDecimal("filled_quantity");
        if (filled == null) {
            o.put("fills", List.of());
        } else {
            Map<String, Object> fill = new LinkedHashMap<>();
            fill.put("quantity", filled);
            fill.put("price", rs.getBigDecimal("fill_price"));
            o.put("fills", List.of(fill));
        }
        o.put("created_at", Rows.instant(rs, "created_at"));
        o.put("updated_at", Rows.instant(rs, "updated_at"));
        return o;
    }
}
