package io.ackflow.app.chaos;

import io.ackflow.schema.ConsumerGroups;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Samples the total offset lag of some consumer groups (end offset minus committed offset, through the Kafka Admin
 * API) every half second in the background; a sample that fails (broker or PostgreSQL down) is recorded as unknown
 * (-1). The persister's committed offsets are read where it keeps them, in PostgreSQL: the copy it commits to Kafka
 * for lag tools can stay behind after a broker restart until its partitions get new records.
 */
final class LagWatch implements AutoCloseable {
    record Sample(long atMs, long lag) {}

    private final Admin admin;
    private final Collection<String> groups;
    private final StoredState stored;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    LagWatch(String bootstrap, Collection<String> groups, StoredState stored) {
        this.stored = stored;
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap, "request.timeout.ms", "3000",
                "default.api.timeout.ms", "4000"));
        this.groups = List.copyOf(groups);
        this.thread = new Thread(this::loop, "chaos-lag");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        while (running) {
            long lag = lagOrUnknown();
            synchronized (samples) {
                samples.add(new Sample(System.currentTimeMillis(), lag));
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Total lag now, or -1 when it cannot be read. */
    long lagOrUnknown() {
        try {
            long total = 0;
            for (String group : groups) {
                Map<TopicPartition, Long> committed = committed(group);
                Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
                committed.forEach((tp, offset) -> latest.put(tp, OffsetSpec.latest()));
                if (latest.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                        admin.listOffsets(latest).all().get(4, TimeUnit.SECONDS);
                for (var e : committed.entrySet()) {
                    total += Math.max(0, ends.get(e.getKey()).offset() - e.getValue());
                }
            }
            return total;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }
    }

    private Map<TopicPartition, Long> committed(String group) throws Exception {
        if (group.equals(ConsumerGroups.PERSISTER)) {
            return stored.persisterOffsets(group);
        }
        Map<TopicPartition, Long> out = new java.util.HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(4, TimeUnit.SECONDS)
                .forEach((tp, om) -> out.put(tp, om == null ? 0 : om.offset()));
        return out;
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** The highest known lag between two instants. */
    long maxLag(long fromMs, long toMs) {
        return samples().stream().filter(s -> s.atMs() >= fromMs && s.atMs() < toMs && s.lag() >= 0)
                .mapToLong(Sample::lag).max().orElse(0);
    }

    /** The first instant at or after {@code fromMs} with a known lag at or below {@code bound}; -1 if none. */
    long firstAtOrBelow(long fromMs, long bound) {
        return samples().stream().filter(s -> s.atMs() >= fromMs && s.lag() >= 0 && s.lag() <= bound)
                .mapToLong(Sample::atMs).findFirst().orElse(-1);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(2));
    }
}
