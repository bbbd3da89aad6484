package io.ackflow.persister.read;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/** Column readers shared by the queries. */
final class Rows {
    private Rows() {}

    static String instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant().toString();
    }

    static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
