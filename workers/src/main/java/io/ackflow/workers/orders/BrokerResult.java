package io.ackflow.workers.orders;

import io.ackflow.schema.event.OrderEvent;
import java.math.BigDecimal;

/**
 * What the broker made of an order: {@code filled}, {@code submitted} (working at the broker), {@code rejected} or
 * {@code failed}.
 */
public record BrokerResult(
        OrderEvent.Status status, String brokerOrderId, BigDecimal filledQuantity, BigDecimal fillPrice, String reason) {

    public static BrokerResult rejected(String reason) {
        return new BrokerResult(OrderEvent.Status.rejected, null, null, null, reason);
    }
}
