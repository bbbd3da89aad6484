package io.ackflow.app.ops.lag;

import io.ackflow.app.ops.lag.LagSample.PartitionKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns successive {@link LagSample}s into {@link PartitionLag}s: rates from the committed and end offsets over a
 * window of samples, and a stall flag once lag has been present with an unmoved committed offset for
 * {@code stallAfter}. Not thread-safe; one sampler thread feeds it.
 */
public final class LagTracker {
    private final Duration stallAfter;
    private final Duration rateWindow;
    private final Map<PartitionKey, History> histories = new HashMap<>();

    /**
     * @param rateWindow rates are measured against the oldest sample no older than this
     */
    public LagTracker(Duration stallAfter, Duration rateWindow) {
        this.stallAfter = stallAfter;
        this.rateWindow = rateWindow;
    }

    /** Records a full round of samples and returns the derived view. Partitions absent from the round are forgotten. */
    public List<PartitionLag> update(List<LagSample> round) {
        Map<PartitionKey, History> seen = new HashMap<>();
        List<PartitionLag> out = new ArrayList<>(round.size());
        for (LagSample s : round) {
            History h = histories.computeIfAbsent(s.key(), k -> new History());
            h.add(s, rateWindow);
            seen.put(s.key(), h);
            out.add(derive(s, h));
        }
        histories.keySet().retainAll(seen.keySet());
        return out;
    }

    private PartitionLag derive(LagSample s, History h) {
        long lag = s.lag();
        Double lagSeconds = lag == 0 ? Double.valueOf(0.0)
                : s.oldestUnconsumedTimestamp() == null ? null
                        : Math.max(0, s.sampledAt().toEpochMilli() - s.oldestUnconsumedTimestamp()) / 1000.0;
        LagSample first = h.samples.peekFirst();
        Double consumeRate = null;
        Double produceRate = null;
        if (first != null && first != s) {
            double seconds = Duration.between(first.sampledAt(), s.sampledAt()).toMillis() / 1000.0;
            if (seconds > 0) {
                consumeRate = Math.max(0, s.committedOffset() - first.committedOffset()) / seconds;
                produceRate = Math.max(0, s.endOffset() - first.endOffset()) / seconds;
            }
        }
        Double drain;
        if (lag == 0) {
            drain = 0.0;
        } else if (consumeRate != null && consumeRate - produceRate > 0) {
            drain = lag / (consumeRate - produceRate);
        } else {
            drain = null;
        }
        // An idle group that just received a record is not stalled: count from when lag appeared, if later.
        Instant stuckSince = h.laggingSince.isAfter(h.committedSince) ? h.laggingSince : h.committedSince;
        boolean stalled = lag > 0 && Duration.between(stuckSince, s.sampledAt()).compareTo(stallAfter) >= 0;
        return new PartitionLag(s.group(), s.topic(), s.partition(), s.committedOffset(), s.endOffset(), lag,
                lagSeconds, consumeRate, produceRate, drain, stalled, s.consumer());
    }

    private static final class History {
        final Deque<LagSample> samples = new ArrayDeque<>();
        long committed = -1;
        Instant committedSince;
        Instant laggingSince = Instant.MIN;

        void add(LagSample s, Duration window) {
            if (s.lag() == 0) {
                laggingSince = Instant.MIN;
            } else if (laggingSince == Instant.MIN) {
                laggingSince = s.sampledAt();
            }
            if (s.committedOffset() != committed || committedSince == null) {
                committed = s.committedOffset();
                committedSince = s.sampledAt();
            }
            samples.addLast(s);
            while (samples.size() > 2
                    && Duration.between(samples.peekFirst().sampledAt(), s.sampledAt()).compareTo(window) > 0) {
                samples.removeFirst();
            }
        }
    }
}
