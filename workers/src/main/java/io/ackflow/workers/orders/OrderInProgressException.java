package io.ackflow.workers.orders;

/** Another consumer holds the ledger row of this order right now. Transient: retried, then its result re-emitted. */
public class OrderInProgressException extends RuntimeException {
    public OrderInProgressException(String orderId) {
        super("order " + orderId + " is being submitted by another consumer");
    }
}
