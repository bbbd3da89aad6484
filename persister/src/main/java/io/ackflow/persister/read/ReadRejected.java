package io.ackflow.persister.read;

import org.springframework.http.HttpStatus;

/** A read request refused with a problem+json answer: its status, detail and, when one is at fault, the field. */
public final class ReadRejected extends RuntimeException {
    private final HttpStatus status;
    private final String field;

    private ReadRejected(HttpStatus status, String detail, String field) {
        super(detail);
        this.status = status;
        this.field = field;
    }

    public static ReadRejected badField(String field, String detail) {
        return new ReadRejected(HttpStatus.BAD_REQUEST, detail, field);
    }

    public static ReadRejected notFound(String detail) {
        return new ReadRejected(HttpStatus.NOT_FOUND, detail, null);
    }

    public static ReadRejected unauthorized() {
        return new ReadRejected(HttpStatus.UNAUTHORIZED,
                "a client key or the admin token is required: Authorization: Bearer <key>", null);
    }

    public HttpStatus status() {
        return status;
    }

    /** The field at fault, or null. */
    public String field() {
        return field;
    }
}
