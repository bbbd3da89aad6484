package io.ackflow.persister.upsert;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A row of {@code orders}. The status only moves forward ({@code OrderEvent.Status.rank()}); descriptive fields keep
 * their first non-null value; fill fields take the newest non-null value; {@code createdAt} is the earliest and
 * {@code updatedAt} the latest event time seen.
 */
public record OrderRow(
        String orderId,
        String accountId,
        String sourceId,
        String status,
        int statusRank,
        String symbol,
        String side,
        BigDecimal quantity,
        BigDecimal price,
        String orderType,
        BigDecimal filledQuantity,
        BigDecimal fillPrice,
        String brokerOrderId,
        String reason,
        Instant createdAt,
        Instant updatedAt) {

    /** {@code older} merged with {@code newer}, as the SQL rule does it. */
    public static OrderRow merge(OrderRow older, OrderRow newer) {
        boolean forward = newer.statusRank > older.statusRank;
        return new OrderRow(
                older.orderId,
                first(older.accountId, newer.accountId),
                first(older.sourceId, newer.sourceId),
                forward ? newer.status : older.status,
                Math.max(older.statusRank, newer.statusRank),
                first(older.symbol, newer.symbol),
                first(older.side, newer.side),
                first(older.quantity, newer.quantity),
                first(older.price, newer.price),
                first(older.orderType, newer.orderType),
                first(newer.filledQuantity, older.filledQuantity),
                first(newer.fillPrice, older.fillPrice),
                first(newer.brokerOrderId, older.brokerOrderId),
                forward ? first(newer.reason, older.reason) : first(older.reason, newer.reason),
                older.createdAt.isBefore(newer.createdAt) ? older.createdAt : newer.createdAt,
                older.updatedAt.isAfter(newer.updatedAt) ? older.updatedAt : newer.updatedAt);
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }
}
