package io.ackflow.app.ops.replay;

import io.ackflow.app.ops.replay.ReplayPlan.PartitionPlan;
import io.ackflow.app.ops.replay.ReplaySpec.Mode;
import io.ackflow.schema.ConsumerGroups;
import io.ackflow.schema.Json;
import io.ackflow.schema.Topics;
import io.ackflow.schema.ops.ReplayRequest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans and applies a replay.
 *
 * <ul>
 *   <li>The plan resolves times and durations to offsets with {@code listOffsets(forTimestamp)} (a time after the last
 *       record resolves to the end), clamps offsets to the log, and counts the records in range.
 *   <li>ONLINE publishes a {@link ReplayRequest} on {@link Topics#OPS_CONTROL}, keyed by group id; each running
 *       process hands it to its {@code ReplayTarget} for the group, which seeks the partitions it owns.
 *   <li>OFFLINE resets the committed offsets with {@code alterConsumerGroupOffsets} (Kafka refuses while the group has
 *       members); for the persister group it also rewinds {@code persister_offsets} in PostgreSQL, where its real
 *       offsets live.
 * </ul>
 *
 * <p>The Replayer owns the Admin client it is given and closes it. Each applied replay is logged and counted in
 * {@code ackflow.ops.replay.requests} (tags group, topic, mode).
 */
public final class Replayer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Replayer.class);

    private final Admin admin;
    private final Map<String, Object> clientProperties;
    private final Duration timeout;
    private final Clock clock;
    private final Optional<PersisterOffsetStore> persisterOffsets;
    private final MeterRegistry meters;

    public Replayer(Admin admin, Map<String, Object> clientProperties, Duration timeout, Clock clock,
            Optional<PersisterOffsetStore> persisterOffsets, MeterRegistry meters) {
        this.admin = admin;
        this.clientProperties = Map.copyOf(clientProperties);
        this.timeout = timeout;
        this.clock = clock;
        this.persisterOffsets = persisterOffsets;
        this.meters = meters;
    }

    public ReplayPlan plan(ReplaySpec spec) {
        try {
            TopicDescription topic = admin.describeTopics(List.of(spec.topic())).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(spec.topic());
            List<Integer> all = topic.partitions().stream().map(p -> p.partition()).toList();
            List<Integer> selected = spec.partitions().isEmpty() ? all : spec.partitions();
            for (Integer p : selected) {
                if (!all.contains(p)) {
                    throw new IllegalArgumentException(spec.topic() + " has no partition " + p + " (it has "
                            + all.size() + ")");
                }
            }
            List<TopicPartition> tps = selected.stream().map(p -> new TopicPartition(spec.topic(), p)).toList();
            Map<TopicPartition, Long> earliest = offsets(tps, OffsetSpec.earliest());
            Map<TopicPartition, Long> latest = offsets(tps, OffsetSpec.latest());
            Map<TopicPartition, Long> from = resolve(Position.parse(spec.from(), clock), tps, earliest, latest);
            Map<TopicPartition, Long> to = spec.to() == null ? latest
                    : resolve(Position.parse(spec.to(), clock), tps, earliest, latest);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(spec.group())
                    .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<PartitionPlan> partitions = new ArrayList<>();
            for (TopicPartition tp : tps) {
                OffsetAndMetadata c = committed.get(tp);
                partitions.add(new PartitionPlan(tp.partition(), c == null ? -1 : c.offset(), from.get(tp),
                        Math.max(from.get(tp), to.get(tp))));
            }
            int members = members(spec.group());
            Mode mode = spec.mode() != Mode.AUTO ? spec.mode() : members > 0 ? Mode.ONLINE : Mode.OFFLINE;
            return new ReplayPlan(UUID.randomUUID().toString(), spec.group(), spec.topic(), partitions, members, mode);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while planning a replay", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not plan the replay of " + spec.group() + " on " + spec.topic()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The number of active members of {@code group} (0 for an unknown or empty group). */
    public int members(String group) throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, ConsumerGroupDescription> d = admin.describeConsumerGroups(List.of(group)).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        ConsumerGroupDescription g = d.get(group);
        return g == null ? 0 : g.members().size();
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> tps, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        tps.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, ListOffsetsResultInfo> result =
                admin.listOffsets(request).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> out = new HashMap<>();
        result.forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    private Map<TopicPartition, Long> resolve(Position position, List<TopicPartition> tps,
            Map<TopicPartition, Long> earliest, Map<TopicPartition, Long> latest)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, Long> out = new HashMap<>();
        if (position instanceof Position.Earliest) {
            out.putAll(earliest);
        } else if (position instanceof Position.Latest) {
            out.putAll(latest);
        } else if (position instanceof Position.Offset o) {
            tps.forEach(tp -> out.put(tp, Math.min(latest.get(tp), Math.max(earliest.get(tp), o.value()))));
        } else if (position instanceof Position.Time t) {
            Map<TopicPartition, Long> byTime = offsets(tps, OffsetSpec.forTimestamp(t.time().toEpochMilli()));
            // -1: no record at or after that time, so there is nothing to replay on that partition
            tps.forEach(tp -> out.put(tp, byTime.get(tp) < 0 ? latest.get(tp) : byTime.get(tp)));
        }
        return out;
    }

    /** Applies {@code plan}. The persister's DB offsets move only in OFFLINE mode (online, the persister does it). */
    public ReplayOutcome apply(ReplayPlan plan) {
        Map<Integer, Long> from = new TreeMap<>();
        Map<Integer, Long> to = new TreeMap<>();
        plan.partitions().forEach(p -> {
            from.put(p.partition(), p.fromOffset());
            to.put(p.partition(), p.toOffset());
        });
        String note;
        try {
            if (plan.mode() == Mode.ONLINE) {
                publish(new ReplayRequest(plan.replayId(), plan.group(), plan.topic(), from, to, clock.instant()));
                note = "published on " + Topics.OPS_CONTROL + "; " + plan.members()
                        + " running member(s) of the group seek the partitions they own";
            } else {
                note = rewindOffline(plan, from);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying replay " + plan.replayId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("replay " + plan.replayId() + " of " + plan.group() + " on "
                    + plan.topic() + " failed: " + e.getMessage(), e);
        }
        log.info("Replay {} ({}): group {} topic {} from {} to {} ({} records): {}", plan.replayId(), plan.mode(),
                plan.group(), plan.topic(), from, to, plan.records(), note);
        if (meters != null) {
            meters.counter("ackflow.ops.replay.requests", "group", plan.group(), "topic", plan.topic(),
                    "mode", plan.mode().name().toLowerCase(java.util.Locale.ROOT)).increment();
        }
        return new ReplayOutcome(plan, note);
    }

    private String rewindOffline(ReplayPlan plan, Map<Integer, Long> from)
            throws InterruptedException, ExecutionException, TimeoutException {
        boolean persister = ConsumerGroups.PERSISTER.equals(plan.group());
        if (persister && persisterOffsets.isEmpty()) {
            throw new IllegalStateException("the persister keeps its real offsets in PostgreSQL (persister_offsets);"
                    + " resetting only Kafka's would be undone at its next start. Give DATABASE_URL (or --database-url)"
                    + " so both move, or replay while the persister runs (online).");
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        from.forEach((p, o) -> offsets.put(new TopicPartition(plan.topic(), p),
                new OffsetAndMetadata(o, "ackflow replay " + plan.replayId())));
        admin.alterConsumerGroupOffsets(plan.group(), offsets).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        String note = "committed offsets of the stopped group reset";
        if (persister) {
            int rows = persisterOffsets.get().rewind(plan.group(), plan.topic(), from);
            note += "; persister_offsets rewound (" + rows + " rows)";
        }
        return note;
    }

    private void publish(ReplayRequest request) throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ackflow-replay");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 15000));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 10000));
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.OPS_CONTROL, request.groupId(), Json.write(request)))
                    .get(Math.max(timeout.toMillis(), 15000), TimeUnit.MILLISECONDS);
        }
    }

    /** Closes the Admin client given at construction. */
    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }

    /** What was done. */
    public record ReplayOutcome(ReplayPlan plan, String note) {}
}
