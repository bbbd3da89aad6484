package io.ackflow.workers.orders;

import io.ackflow.schema.event.OrderEvent;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The PostgreSQL ledger {@code order_submissions} that makes "never twice" hold across redelivery, restarts,
 * rebalances, replays and concurrent copies:
 *
 * <ol>
 *   <li>{@link #claim} inserts the order in state {@code claimed} with {@code ON CONFLICT DO NOTHING}: exactly one
 *       caller ever wins the insert;
 *   <li>{@link #submitOnce} locks the row ({@code FOR UPDATE NOWAIT}) for the gateway call and stores the result in
 *       the same transaction. A row already past {@code claimed} is returned as is, without calling the gateway; a row
 *       locked by another consumer is an {@link OrderInProgressException} (retried);
 *   <li>a {@code claimed} row that is not locked was left by an attempt that died or gave up; it is finished through
 *       {@link BrokerGateway#resume} (look the order up by client order id first).
 * </ol>
 */
@Component
public class OrderSubmissionLedger {

    /** A ledger row. {@code state} is {@code claimed} or an {@link OrderEvent.Status} name. */
    public record Submission(
            String orderId,
            String state,
            String brokerOrderId,
            BigDecimal filledQuantity,
            BigDecimal fillPrice,
            String reason,
            int gatewayCalls) {

        public static final String CLAIMED = "claimed";

        public boolean isClaimed() {
            return CLAIMED.equals(state);
        }

        public OrderEvent.Status status() {
            return OrderEvent.Status.valueOf(state);
        }

        BrokerResult asResult() {
            return new BrokerResult(status(), brokerOrderId, filledQuantity, fillPrice, reason);
        }
    }

    private static final String COLUMNS =
            "order_id, state, broker_order_id, filled_quantity, fill_price, reason, gateway_calls";
    private static final RowMapper<Submission> ROW = (rs, i) -> new Submission(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getString(6), rs.getInt(7));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public OrderSubmissionLedger(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
    }

    public Optional<Submission> find(String orderId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM order_submissions WHERE order_id = ?", ROW, orderId)
                .stream()
                .findFirst();
    }

    /** Claims the order for submission; false when it was already in the ledger. */
    public boolean claim(String orderId, String accountId) {
        return jdbc.update("INSERT INTO order_submissions (order_id, account_id, state) VALUES (?, ?, 'claimed') "
                + "ON CONFLICT (order_id) DO NOTHING", orderId, accountId) == 1;
    }

    /** Records an order refused before the gateway (risk checks); false when it was already in the ledger. */
    public boolean recordRejected(String orderId, String accountId, String reason) {
        return jdbc.update("INSERT INTO order_submissions (order_id, account_id, state, reason) "
                + "VALUES (?, ?, 'rejected', ?) ON CONFLICT (order_id) DO NOTHING", orderId, accountId, reason) == 1;
    }

    /**
     * Calls {@code gateway} for a claimed order at most once per claim, holding the row lock meanwhile, and stores its
     * result. Returns the stored row (unchanged, without calling {@code gateway}, when it is already decided).
     */
    public Submission submitOnce(String orderId, Function<Submission, BrokerResult> gateway) {
        try {
            return tx.execute(status -> {
                Submission row = jdbc.query(
                                "SELECT " + COLUMNS + " FROM order_submissions WHERE order_id = ? FOR UPDATE NOWAIT",
                                ROW,
                                orderId)
                        .stream()
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("order " + orderId + " was never claimed"));
                if (!row.isClaimed()) {
                    return row;
                }
                BrokerResult result = gateway.apply(row);
                jdbc.update("UPDATE order_submissions SET state = ?, broker_order_id = ?, filled_quantity = ?, "
                                + "fill_price = ?, reason = ?, gateway_calls = gateway_calls + 1, updated_at = now() "
                                + "WHERE order_id = ?",
                        result.status().name(), result.brokerOrderId(), result.filledQuantity(), result.fillPrice(),
                        result.reason(), orderId);
                return new Submission(orderId, result.status().name(), result.brokerOrderId(),
                        result.filledQuantity(), result.fillPrice(), result.reason(), row.gatewayCalls() + 1);
            });
        } catch (PessimisticLockingFailureException e) {
            throw new OrderInProgressException(orderId);
        }
    }
}
