package io.ackflow.ingress.publish;

/** The broker did not acknowledge a record in time, or refused it. The client should retry with the same key. */
public final class PublishFailedException extends RuntimeException {
    private final boolean timeout;

    public PublishFailedException(String message, Throwable cause, boolean timeout) {
        super(message, cause);
        this.timeout = timeout;
    }

    /** True when no answer came within {@code ackflow.ingress.ack-timeout}. */
    public boolean isTimeout() {
        return timeout;
    }
}
