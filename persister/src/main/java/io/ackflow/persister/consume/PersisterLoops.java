package io.ackflow.persister.consume;

import io.ackflow.persister.PersisterProperties;
import io.ackflow.persister.observe.DatabaseState;
import io.ackflow.persister.observe.PersisterMetrics;
import io.ackflow.persister.upsert.BatchFlusher;
import io.ackflow.persister.upsert.FactDecoder;
import io.ackflow.persister.upsert.FactWriter;
import io.ackflow.persister.upsert.FlushHook;
import io.ackflow.persister.upsert.OffsetStore;
import io.ackflow.persister.upsert.PoisonSink;
import io.ackflow.persister.upsert.QuizCloser;
import io.ackflow.schema.ConsumerGroups;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Builds persister loops (the one the application runs, and more in tests that need several instances in one
 * process) and keeps track of them for the replay target.
 */
public final class PersisterLoops {
    private final Map<String, Object> kafkaConsumerProperties;
    private final PersisterProperties props;
    private final DataSource dataSource;
    private final PersisterMetrics metrics;
    private final DatabaseState state;
    private final Clock clock;
    private final PoisonSink deadLetters;
    private final Runnable outboxWritten;
    private final List<PersisterLoop> loops = new CopyOnWriteArrayList<>();

    public PersisterLoops(
            Map<String, Object> kafkaConsumerProperties,
            PersisterProperties props,
            DataSource dataSource,
            PersisterMetrics metrics,
            DatabaseState state,
            Clock clock,
            PoisonSink deadLetters,
            Runnable outboxWritten) {
        this.kafkaConsumerProperties = Map.copyOf(kafkaConsumerProperties);
        this.props = props;
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.state = state;
        this.clock = clock;
        this.deadLetters = deadLetters;
        this.outboxWritten = outboxWritten;
    }

    /**
     * A loop in group {@link ConsumerGroups#PERSISTER}, not yet started.
     *
     * @param name a client id suffix, unique in this process
     * @param instanceId {@code group.instance.id} (static membership), or null
     * @param hook runs inside each flush transaction before the commit ({@link FlushHook#NONE} in production)
     */
    public PersisterLoop create(String name, String instanceId, FlushHook hook) {
        return create(name, instanceId, hook, FactDecoder.allTopics());
    }

    /**
     * The loops of one process, not yet started: loop 0 (named {@code name}) reads every subscribed topic; loop
     * {@code i > 0} (named {@code name-i}, instance id {@code instanceId-i}) reads only
     * {@link FactDecoder#INDEPENDENT_TOPICS}, so the group splits the busy partitioned topics over all of them while
     * a quiz's answers, its close marker and its definition stay in one loop, as they are with a single loop.
     */
    public List<PersisterLoop> createLoops(String name, String instanceId, int count, FlushHook hook) {
        List<PersisterLoop> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String suffix = i == 0 ? "" : "-" + i;
            created.add(create(name + suffix, instanceId == null || instanceId.isBlank() ? null : instanceId + suffix,
                    hook, i == 0 ? FactDecoder.allTopics() : FactDecoder.INDEPENDENT_TOPICS));
        }
        return created;
    }

    private PersisterLoop create(String name, String instanceId, FlushHook hook, List<String> topics) {
        Map<String, Object> p = new HashMap<>(kafkaConsumerProperties);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, ConsumerGroups.PERSISTER);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "ackflow-persister-" + name);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, props.maxPollRecords());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        p.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        if (instanceId != null && !instanceId.isBlank()) {
            p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
            p.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        }
        OffsetStore offsets = new OffsetStore(ConsumerGroups.PERSISTER);
        BatchFlusher flusher =
                new BatchFlusher(dataSource, offsets, new FactWriter(new QuizCloser(clock)), deadLetters, hook);
        PersisterLoop loop = new PersisterLoop(name, p, topics, props,
                new PersisterLoop.Parts(flusher, offsets, dataSource, new FactDecoder(), metrics, state, clock,
                        System::nanoTime, outboxWritten));
        loops.removeIf(l -> !l.isRunning());
        loops.add(loop);
        return loop;
    }

    /** Loops created here that have not stopped (including ones not yet started). */
    public List<PersisterLoop> loops() {
        return List.copyOf(loops);
    }
}
