package io.ackflow.app.sweep.internal;

/** What a malformed input must get. Every one is a refusal: nothing the sweep sends may be taken. */
public enum Expectation {
    /** Any 4xx. */
    REFUSED("4xx"),
    /** A missing, unknown or malformed credential. */
    UNAUTHENTICATED("401"),
    /** A client key on an admin endpoint; a wrong Telegram secret. */
    FORBIDDEN("403"),
    /** {@code /ops} without the admin token. */
    ADMIN_ONLY("401/403"),
    /** Something that must not exist: {@code /dev} outside dev mode, unexposed actuator endpoints, unknown ids. */
    NOT_FOUND("404"),
    /** A body far over every limit: a 4xx, or the server closing the connection before reading it all. */
    REFUSED_OR_CLOSED("4xx or closed");

    private final String text;

    Expectation(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public boolean allowsNoAnswer() {
        return this == REFUSED_OR_CLOSED;
    }

    /** Whether a 4xx {@code status} is the documented one. */
    public boolean matches(int status) {
        return switch (this) {
            case REFUSED, REFUSED_OR_CLOSED -> status >= 400 && status < 500;
            case UNAUTHENTICATED -> status == 401;
            case FORBIDDEN -> status == 403;
            case ADMIN_ONLY -> status == 401 || status == 403;
            case NOT_FOUND -> status == 404;
        };
    }
}
