package io.ackflow.persister.read;

import io.ackflow.schema.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** What became of a request, by primary key. */
public final class EventStatusQuery {
    public static final String SQL = "SELECT event_id, event_type, status, reason, received_at, decided_at, "
            + "refs::text AS refs FROM events WHERE event_id = ?";

    private final JdbcTemplate jdbc;

    public EventStatusQuery(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** {@code {"id", "type", "status", "reason", "received_at", "decided_at", "refs"}}. */
    public Optional<Map<String, Object>> event(String eventId) {
        return jdbc.query(SQL, (rs, i) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", rs.getString("event_id"));
            e.put("type", rs.getString("event_type"));
            e.put("status", rs.getString("status"));
            e.put("reason", rs.getString("reason"));
            e.put("received_at", Rows.instant(rs, "received_at"));
            e.put("decided_at", Rows.instant(rs, "decided_at"));
            e.put("refs", Json.MAPPER.readValue(rs.getString("refs"), Map.class));
            return e;
        }, eventId).stream().findFirst();
    }
}
