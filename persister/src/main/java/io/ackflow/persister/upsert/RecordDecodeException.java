package io.ackflow.persister.upsert;

/** A record whose value cannot be read or lacks a required field. It goes to the dead-letter topic. */
public final class RecordDecodeException extends RuntimeException {
    public RecordDecodeException(String message) {
        super(message);
    }

    public RecordDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
