package io.ackflow.workers.support;

/**
 * A record that can never be processed: undecodable or missing what it needs. Fatal for the error policy: it is not
 * retried and goes straight to the dead-letter topic.
 */
public class InvalidRecordException extends RuntimeException {
    public InvalidRecordException(String message) {
        super(message);
    }

    public InvalidRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
