package io.ackflow.workers.support;

/** A reference view could not catch up in time, so a rejection cannot be trusted yet. Transient: retried. */
public class ReferenceNotCurrentException extends RuntimeException {
    public ReferenceNotCurrentException(String topic, String key) {
        super("reference view of " + topic + " did not catch up in time while looking for '" + key + "'");
    }
}
