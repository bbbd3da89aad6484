package io.ackflow.app.ops.replay;

import java.util.List;
import java.util.Objects;

/**
 * What the operator asked for.
 *
 * @param from where to start (see {@link Position})
 * @param to where the replay ends (exclusive), null for the current end; only bounds the plan's record counts
 * @param partitions partitions to rewind; empty for all
 * @param mode AUTO picks ONLINE when the group has members, OFFLINE otherwise
 */
public record ReplaySpec(String group, String topic, String from, String to, List<Integer> partitions, Mode mode) {
    public ReplaySpec {
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("a replay needs a group (--group)");
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("a replay needs a topic (--topic)");
        }
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("a replay needs a start (--from <offset|ISO time|duration>)");
        }
        // stream, not contains(null): an immutable list throws on contains(null)
        if (partitions != null && partitions.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("partitions must be partition numbers, got " + partitions);
        }
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
        mode = mode == null ? Mode.AUTO : mode;
    }

    /** How the rewind is applied. */
    public enum Mode {
        AUTO,
        /** Running consumers seek on a control message; the group stays up. */
        ONLINE,
        /** Committed offsets are reset; the group must have no members. */
        OFFLINE
    }
}
