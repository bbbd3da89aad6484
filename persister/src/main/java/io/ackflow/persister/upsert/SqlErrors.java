package io.ackflow.persister.upsert;

import java.sql.SQLException;

/**
 * Sorts database errors into the two kinds the persister handles differently.
 *
 * <p>A <b>data error</b> (SQLSTATE class 22, data exception, or 23, integrity constraint violation) is caused by a
 * record's values: the batch is split to find the record, which goes to the dead-letter topic. <b>Everything
 * else</b> (connection loss, shutdown, deadlock, serialization failure, out of resources, even a missing table) is
 * treated as the database being unavailable: the batch is kept and retried with backoff, and nothing is
 * dead-lettered. Retrying a real bug forever is visible (paused, readiness down, an alert) and loses nothing;
 * dead-lettering every record because of one would silently empty the pipeline.
 */
public final class SqlErrors {
    private SqlErrors() {}

    public static boolean isDataError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
