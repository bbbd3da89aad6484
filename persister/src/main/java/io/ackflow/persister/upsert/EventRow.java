package io.ackflow.persister.upsert;

import java.time.Instant;

/**
 * A row of {@code events}: what became of a request. A final status ({@code accepted}, {@code rejected},
 * {@code failed}) replaces {@code queued}; the first final status stored wins and is never replaced.
 *
 * @param refsJson a JSON object, never null
 */
public record EventRow(
        String eventId,
        String eventType,
        String status,
        String reason,
        Instant receivedAt,
        Instant decidedAt,
        String refsJson) {

    public static final String QUEUED = "queued";

    public boolean isFinal() {
        return !QUEUED.equals(status);
    }

    /** {@code older} merged with {@code newer}, as the SQL rule does it. */
    public static EventRow merge(EventRow older, EventRow newer) {
        boolean take = !older.isFinal();
        return new EventRow(
                older.eventId,
                older.eventType != null ? older.eventType : newer.eventType,
                take ? newer.status : older.status,
                take ? newer.reason : older.reason,
                older.receivedAt != null ? older.receivedAt : newer.receivedAt,
                take ? newer.decidedAt : older.decidedAt,
                take ? newer.refsJson : older.refsJson);
    }
}
