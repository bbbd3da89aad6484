package io.ackflow.schema;

/** Media types of the HTTP surface. */
public final class MediaTypes {
    private MediaTypes() {}

    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String JSON = "application/json";
}
