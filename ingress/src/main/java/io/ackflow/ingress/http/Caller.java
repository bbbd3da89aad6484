package io.ackflow.ingress.http;

/**
 * Who sent a request.
 *
 * @param id the client key id ({@code key_...}) or {@code admin}; safe to log and to put in headers
 */
public record Caller(String id, boolean admin) {
    public static final String ADMIN = "admin";
}
