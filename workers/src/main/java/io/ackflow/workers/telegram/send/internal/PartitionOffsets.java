package io.ackflow.workers.telegram.send.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of each partition are still in flight. Messages finish out of order (a slow chat does not hold up the
 * others), so a partition is committed only up to its lowest offset not yet finished: a crash redelivers everything
 * unfinished, and the send ledger skips what was already sent. Thread-safe.
 */
public final class PartitionOffsets {
    private static final class Track {
        final TreeSet<Long> inFlight = new TreeSet<>();
        long next = -1;
        long committed = -1;
    }

    private final Map<TopicPartition, Track> tracks = new HashMap<>();

    public synchronized void started(TopicPartition tp, long offset) {
        Track t = tracks.computeIfAbsent(tp, k -> new Track());
        t.inFlight.add(offset);
        t.next = Math.max(t.next, offset + 1);
    }

    public synchronized void finished(TopicPartition tp, long offset) {
        Track t = tracks.get(tp);
        if (t != null) {
            t.inFlight.remove(offset);
        }
    }

    /** Offsets that can be committed and were not yet, for the given partitions (all when null). */
    public synchronized Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> only) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        tracks.forEach((tp, t) -> {
            if (only != null && !only.contains(tp)) {
                return;
            }
            long safe = t.inFlight.isEmpty() ? t.next : t.inFlight.first();
            if (safe > t.committed && safe >= 0) {
                out.put(tp, new OffsetAndMetadata(safe));
            }
        });
        return out;
    }

    /** Notes that {@code offsets} were committed. */
    public synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, o) -> {
            Track t = tracks.get(tp);
            if (t != null) {
                t.committed = Math.max(t.committed, o.offset());
            }
        });
    }

    public synchronized void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(tracks::remove);
    }

    public synchronized int inFlight(TopicPartition tp) {
        Track t = tracks.get(tp);
        return t == null ? 0 : t.inFlight.size();
    }
}
