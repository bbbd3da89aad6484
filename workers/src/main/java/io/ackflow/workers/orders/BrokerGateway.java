package io.ackflow.workers.orders;

import java.util.Optional;

/**
 * Places orders at a broker. Implementations send {@code order.orderId()} as the client order id so the broker can
 * dedupe. The order worker guarantees it calls {@link #submit} at most once per order (see {@link
 * OrderSubmissionLedger}); {@link #resume} is used only for an order whose earlier attempt ended without a recorded
 * result (a crash, or a delivery that gave up).
 */
public interface BrokerGateway {

    /** Places a new order. Throws {@link BrokerUnavailableException} when the outcome is unknown after retries. */
    BrokerResult submit(Order order);

    /** The broker's view of an order placed earlier, by client order id; empty when the broker never got it. */
    Optional<BrokerResult> lookup(String clientOrderId);

    /** Finishes an order whose earlier attempt left no result: adopt the broker's record if any, else submit. */
    default BrokerResult resume(Order order) {
        return lookup(order.orderId()).orElseGet(() -> submit(order));
    }
}
