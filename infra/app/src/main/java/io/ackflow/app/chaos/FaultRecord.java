package io.ackflow.app.chaos;

import java.util.List;

/**
 * One injected fault.
 *
 * @param target what was hit ({@code workers-2}, {@code broker 3}, {@code postgresql}, topics)
 * @param injectedAtMs when the fault began (epoch ms)
 * @param endedAtMs when the fault ended: the restart, SIGCONT, or PostgreSQL start was issued
 * @param readyAfterMs from the end of the fault until the hit part was ready again (health/ready 200, brokers
 *     registered); -1 when not applicable
 * @param poisonKeys keys of the poison records written, to find in the dead-letter topics
 */
public record FaultRecord(String scenario, String target, long injectedAtMs, long endedAtMs, long readyAfterMs,
        List<PoisonRecord> poisonKeys) {

    /** A poison record: its key, and the topic it was written to. */
    public record PoisonRecord(String topic, String key) {}
}
