package io.ackflow.schema.ops;

import java.time.Instant;
import java.util.Map;

/**
 * An operator's request that a running consumer group rewind. Published on {@code Topics.OPS_CONTROL} by
 * {@code ./ackflow replay}; every process reads that topic and hands the request to its {@link ReplayTarget}s.
 *
 * <p>The CLI resolves times and durations to offsets before publishing, so every instance seeks to the same place.
 *
 * @param fromOffsets partition to the first offset to re-read; partitions not listed are left alone
 * @param toOffsets optional partition to the offset (exclusive) where the replay stops mattering; informational
 */
public record ReplayRequest(
        String replayId,
        String groupId,
        String topic,
        Map<Integer, Long> fromOffsets,
        Map<Integer, Long> toOffsets,
        Instant requestedAt) {}
