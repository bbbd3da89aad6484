package io.ackflow.schema.topics;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ackflow.topics.*}: partition counts, in one place. A partition count caps how many instances of a consumer
 * group do useful work.
 *
 * @param defaultPartitions partitions of every stream topic not named in {@code partitions} (default 6)
 * @param partitions per-topic overrides, by full topic name
 * @param replicationFactor replication factor for created topics (default 1; 3 on a 3-broker cluster)
 * @param minInsyncReplicas {@code min.insync.replicas} for created topics (default 1; 2 on a 3-broker cluster)
 * @param create create missing topics at start-up (default true); when false, a missing topic stops the process
 */
@ConfigurationProperties("ackflow.topics")
public record TopicProperties(
        Integer defaultPartitions,
        Map<String, Integer> partitions,
        Short replicationFactor,
        Integer minInsyncReplicas,
        Boolean create) {

    public TopicProperties {
        defaultPartitions = defaultPartitions == null ? 6 : defaultPartitions;
        partitions = partitions == null ? Map.of() : Map.copyOf(partitions);
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        minInsyncReplicas = minInsyncReplicas == null ? 1 : minInsyncReplicas;
        create = create == null || create;
        if (defaultPartitions < 1 || defaultPartitions > 1000) {
            throw new IllegalArgumentException(
                    "ackflow.topics.default-partitions must be between 1 and 1000, got " + defaultPartitions);
        }
        partitions.forEach((topic, n) -> {
            if (n == null || n < 1 || n > 1000) {
                throw new IllegalArgumentException(
                        "ackflow.topics.partitions[" + topic + "] must be between 1 and 1000, got " + n);
            }
        });
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("ackflow.topics.replication-factor must be at least 1");
        }
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("ackflow.topics.min-insync-replicas must be between 1 and "
                    + "ackflow.topics.replication-factor (" + replicationFactor + "), got " + minInsyncReplicas);
        }
    }
}
