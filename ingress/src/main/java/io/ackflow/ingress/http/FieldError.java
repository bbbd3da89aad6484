package io.ackflow.ingress.http;

/** One entry of a problem's {@code errors} extension: the field at fault and what is wrong with it. */
public record FieldError(String field, String detail) {}
