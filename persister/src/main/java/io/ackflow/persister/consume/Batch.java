package io.ackflow.persister.consume;

import io.ackflow.persister.upsert.Fact;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;

/**
 * A batch handed to the {@link FlushWorker}: its records in consumption order, and per partition the stored offset
 * the fence expects and the offset after the batch's last record (stored with the rows).
 */
record Batch(List<Fact> facts, Map<TopicPartition, Long> expected, Map<TopicPartition, Long> next) {

    Batch {
        facts = Collections.unmodifiableList(facts);
        expected = Collections.unmodifiableMap(expected);
        next = Collections.unmodifiableMap(next);
    }

    boolean isEmpty() {
        return next.isEmpty();
    }

    /** This batch restricted to the partitions {@code keep} accepts (itself when it keeps them all). */
    Batch retain(Predicate<TopicPartition> keep) {
        if (next.keySet().stream().allMatch(keep)) {
            return this;
        }
        List<Fact> kept = new ArrayList<>();
        for (Fact f : facts) {
            if (keep.test(f.partition())) {
                kept.add(f);
            }
        }
        Map<TopicPartition, Long> keptExpected = new HashMap<>(expected);
        Map<TopicPartition, Long> keptNext = new HashMap<>(next);
        keptExpected.keySet().removeIf(keep.negate());
        keptNext.keySet().removeIf(keep.negate());
        return new Batch(kept, keptExpected, keptNext);
    }
}
