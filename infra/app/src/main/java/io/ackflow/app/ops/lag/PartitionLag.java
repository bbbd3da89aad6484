package io.ackflow.app.ops.lag;

/**
 * What {@code ./ackflow lag}, {@code GET /ops/lag} and the gauges report for one group, topic and partition.
 *
 * @param committedOffset next offset the group will read
 * @param endOffset high watermark
 * @param lag {@code endOffset - committedOffset}
 * @param lagSeconds age of the oldest unconsumed record (now minus its timestamp); 0 without lag; null when its
 *     record could not be read within the sample timeout
 * @param consumeRate records per second the group committed over the rate window; null until two samples exist
 * @param produceRate records per second appended to the partition over the same window; null until two samples exist
 * @param drainSeconds lag divided by (consume rate - produce rate); 0 without lag; null when not draining at current
 *     rates or unknown
 * @param stalled lag is present and the committed offset has not moved for the stall threshold
 * @param consumer owning member ({@code clientId@host}), or null
 */
public record PartitionLag(
        String group,
        String topic,
        int partition,
        long committedOffset,
        long endOffset,
        long lag,
        Double lagSeconds,
        Double consumeRate,
        Double produceRate,
        Double drainSeconds,
        boolean stalled,
        String consumer) {}
