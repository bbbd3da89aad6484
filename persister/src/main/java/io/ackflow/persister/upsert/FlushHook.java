package io.ackflow.persister.upsert;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs inside the flush transaction just before the commit. Tests use it to crash a flush at the worst moment. */
@FunctionalInterface
public interface FlushHook {
    FlushHook NONE = c -> {};

    void beforeCommit(Connection connection) throws SQLException;
}
