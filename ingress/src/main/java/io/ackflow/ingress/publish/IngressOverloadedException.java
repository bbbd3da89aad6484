package io.ackflow.ingress.publish;

/** Too many requests are waiting for an acknowledgement; the request was not published. */
public final class IngressOverloadedException extends RuntimeException {
    public IngressOverloadedException(int limit) {
        super("overloaded, retry later: " + limit + " requests already wait for an acknowledgement"
                + " (ackflow.ingress.max-in-flight)");
    }
}
