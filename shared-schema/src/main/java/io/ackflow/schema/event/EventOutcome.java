package io.ackflow.schema.event;

import java.time.Instant;
import java.util.Map;

/**
 * What became of an acknowledged request. Topic {@code EVENT_OUTCOMES}, key event id.
 *
 * <p>{@code status} only moves forward: {@code queued} &lt; {@code accepted}/{@code rejected}/{@code failed}. A later
 * outcome for the same event never overrides a final one, so duplicates and replays are harmless.
 *
 * @param eventType the {@link io.ackflow.schema.EventTypes} value of the original request
 * @param refs ids of what the event produced, e.g. {@code order_id}
 */
public record EventOutcome(
        String eventId,
        String eventType,
        Status status,
        String reason,
        Instant receivedAt,
        Instant decidedAt,
        Map<String, String> refs) {

    public enum Status {
        queued,
        accepted,
        rejected,
        failed;

        public boolean isFinal() {
            return this != queued;
        }
    }
}
