package io.ackflow.app.ops.replay;

import java.util.List;

/**
 * The resolved replay: per partition the current committed offset (-1 if none), the from and to offsets, and how many
 * records lie between them.
 *
 * @param members active members of the group when the plan was made
 * @param mode the mode that will be applied (never AUTO)
 */
public record ReplayPlan(String replayId, String group, String topic, List<PartitionPlan> partitions, int members,
        ReplaySpec.Mode mode) {

    public long records() {
        return partitions.stream().mapToLong(PartitionPlan::records).sum();
    }

    /** One partition of the plan. */
    public record PartitionPlan(int partition, long committedOffset, long fromOffset, long toOffset) {
        public long records() {
            return Math.max(0, toOffset - fromOffset);
        }
    }
}
