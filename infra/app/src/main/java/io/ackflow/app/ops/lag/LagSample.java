package io.ackflow.app.ops.lag;

import java.time.Instant;

/**
 * One raw observation of a group on a partition.
 *
 * @param committedOffset the group's committed offset (the next record it will read)
 * @param endOffset the high watermark
 * @param oldestUnconsumedTimestamp timestamp of the record at the committed offset; null when there is no lag or the
 *     record could not be read in time
 * @param consumer the member that owns the partition ({@code clientId@host}), or null when none does
 */
public record LagSample(
        String group,
        String topic,
        int partition,
        long committedOffset,
        long endOffset,
        Long oldestUnconsumedTimestamp,
        String consumer,
        Instant sampledAt) {

    public long lag() {
        return Math.max(0, endOffset - committedOffset);
    }

    public PartitionKey key() {
        return new PartitionKey(group, topic, partition);
    }

    /** Group, topic and partition. */
    public record PartitionKey(String group, String topic, int partition) {}
}
