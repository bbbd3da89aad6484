package io.ackflow.workers.orders;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order as the worker sees it. {@code orderId} is the webhook's event id, and doubles as the broker's
 * {@code client_order_id}, so one signal can only ever be one order.
 */
public record Order(
        String orderId,
        String accountId,
        String sourceId,
        String symbol,
        String side,
        BigDecimal quantity,
        BigDecimal price,
        String orderType,
        Instant receivedAt) {

    public boolean isMarket() {
        return orderType == null || orderType.equalsIgnoreCase("market");
    }
}
