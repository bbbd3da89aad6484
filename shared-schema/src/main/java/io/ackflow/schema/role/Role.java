package io.ackflow.schema.role;

/** A role a process can run. {@code ackflow.roles} lists them; unset means all (dev mode). */
public enum Role {
    INGRESS,
    WORKERS,
    PERSISTER;

    public static final String PROPERTY = "ackflow.roles";

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
