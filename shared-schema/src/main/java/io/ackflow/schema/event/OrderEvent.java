package io.ackflow.schema.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order lifecycle step. Topic {@code ORDER_EVENTS}, key account id. The order id is the event id of the webhook that
 * caused it, so one signal can only ever make one order. Status only moves forward (see {@link Status#rank()}).
 */
public record OrderEvent(
        String orderId,
        String accountId,
        String sourceId,
        Status status,
        String symbol,
        String side,
        BigDecimal quantity,
        BigDecimal price,
        String orderType,
        BigDecimal filledQuantity,
        BigDecimal fillPrice,
        String brokerOrderId,
        String reason,
        Instant at) {

    public enum Status {
        created(0),
        submitted(1),
        filled(2),
        rejected(2),
        failed(2);

        private final int rank;

        Status(int rank) {
            this.rank = rank;
        }

        /** A status replaces another only when its rank is higher. */
        public int rank() {
            return rank;
        }
    }
}
