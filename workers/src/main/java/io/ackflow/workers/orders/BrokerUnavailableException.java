package io.ackflow.workers.orders;

/** The broker could not be reached or did not answer in time, after bounded retries. Transient: retried later. */
public class BrokerUnavailableException extends RuntimeException {
    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
