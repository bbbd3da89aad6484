package io.ackflow.workers.telegram.send.limit;

import java.time.Duration;

/** A {@link TokenBucket} had no permit; {@link #waitNanos()} says how long until it will have one. */
public final class RequestNotPermitted extends RuntimeException {
    private final long waitNanos;

    public RequestNotPermitted(String bucket, long waitNanos) {
        super("no permit in " + bucket + " for another " + Duration.ofNanos(waitNanos).toMillis() + " ms");
        this.waitNanos = waitNanos;
    }

    public long waitNanos() {
        return waitNanos;
    }
}
