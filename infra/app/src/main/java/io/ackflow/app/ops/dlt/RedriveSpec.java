package io.ackflow.app.ops.dlt;

/**
 * Which dead letters to redrive. Null filters match everything.
 *
 * @param dltTopic the dead-letter topic ({@code <topic>-dlt})
 * @param partition only this partition, or null for all
 * @param fromOffset first offset (inclusive) on each selected partition, or null for the start
 * @param toOffset last offset (inclusive), or null for the current end
 * @param errorClass exception or cause class, full or simple name
 * @param key record key
 * @param maxRedrives records already redriven this many times are left where they are
 */
public record RedriveSpec(String dltTopic, Integer partition, Long fromOffset, Long toOffset, String errorClass,
        String key, boolean dryRun, int maxRedrives) {
    public static final int DEFAULT_MAX_REDRIVES = 3;

    public RedriveSpec {
        if (dltTopic == null || !io.ackflow.schema.Topics.isDlt(dltTopic)) {
            throw new IllegalArgumentException("--topic must name a dead-letter topic (<topic>-dlt), got " + dltTopic);
        }
        if (maxRedrives < 1) {
            throw new IllegalArgumentException("--max-redrives must be at least 1, got " + maxRedrives);
        }
        if (fromOffset != null && toOffset != null && toOffset < fromOffset) {
            throw new IllegalArgumentException("--to-offset (" + toOffset + ") is before --from-offset (" + fromOffset
                    + ")");
        }
    }
}
