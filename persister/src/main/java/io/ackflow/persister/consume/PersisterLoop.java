package io.ackflow.persister.consume;

import io.ackflow.persister.PersisterProperties;
import io.ackflow.persister.observe.DatabaseState;
import io.ackflow.persister.observe.PersisterMetrics;
import io.ackflow.persister.upsert.BatchFlusher;
import io.ackflow.persister.upsert.Fact;
import io.ackflow.persister.upsert.FactDecoder;
import io.ackflow.persister.upsert.OffsetStore;
import io.ackflow.persister.upsert.RowWriters;
import io.ackflow.schema.Headers;
import io.ackflow.schema.RecordHeaders;
import io.ackflow.schema.ops.ReplayRequest;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One persister loop, on its own named thread: poll, decode, buffer, hand a batch to the {@link FlushWorker} on size,
 * time or a quiz close; offsets stored in PostgreSQL with the rows and read back on every assignment.
 *
 * <p>Two stages overlap: while the worker writes batch N in its transaction, the loop thread polls and decodes batch
 * N+1. Batch N+1 is only handed over once N's outcome is known, because the offsets N stores are the ones N+1's fence
 * expects; so at most one transaction per loop is open, and every transaction carries exactly its own records'
 * offsets.
 *
 * <p>Everything below runs on the loop thread, including the rebalance callbacks (they run inside {@code poll}) and
 * the handling of each flush outcome, so the loop's state needs no locks. Other threads talk to it through
 * {@link #requestReplay} and {@link #stop}.
 *
 * <ul>
 *   <li><b>Assignment</b>: new partitions are paused until their stored offsets are read (seeded with the earliest
 *       offset when none is stored); then seeked and resumed. If the database is down, they stay paused and the read is
 *       retried with backoff.
 *   <li><b>Revocation</b>: buffered and pending records of revoked partitions are dropped, not flushed. The new owner
 *       re-reads them from the stored offsets, and a flush inside the callback could hold up the rebalance while the
 *       database is slow. A batch already in flight is not waited for: if it commits, the fence makes the new owner
 *       re-read from the offsets it stored. Stored offsets are read (on assignment, for a replay) only while no batch
 *       is in flight.
 *   <li><b>Outage</b>: a flush that fails (other than by a data error) pauses every assigned partition, keeps the
 *       batch, and retries with exponential backoff while polling on (so the group membership holds). Memory holds at
 *       most two batches (one being written or retried, one being filled) plus one poll's records.
 * </ul>
 */
public final class PersisterLoop {
    private static final Logger log = LoggerFactory.getLogger(PersisterLoop.class);
    /** How soon offsets whose commit to Kafka failed are sent again. */
    private static final Duration KAFKA_COMMIT_RETRY = Duration.ofSeconds(1);

    private final String name;
    private final Map<String, Object> consumerProperties;
    private final List<String> topics;
    private final PersisterProperties props;
    private final BatchFlusher flusher;
    private final OffsetStore offsets;
    private final DataSource dataSource;
    private final FactDecoder decoder;
    private final PersisterMetrics metrics;
    private final DatabaseState state;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Runnable outboxWritten;
    private final ConcurrentLinkedQueue<ReplayRequest> replays = new ConcurrentLinkedQueue<>();

    private volatile boolean running;
    private volatile boolean aborted;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Set<TopicPartition> owned = Set.of();
    private Thread thread;

    // loop-thread state
    private final Map<TopicPartition, Long> stored = new HashMap<>();
    private final Set<TopicPartition> unpositioned = new HashSet<>();
    private final ArrayDeque<ConsumerRecord<String, byte[]>> pending = new ArrayDeque<>();
    private List<Fact> buffer = new ArrayList<>();
    private Map<TopicPartition, Long> bufferNext = new HashMap<>();
    private long bufferStartedNanos;
    private FlushWorker worker;
    /** The batch the worker is writing, or one whose flush failed and waits for its retry; null otherwise. */
    private Batch writing;
    private boolean failing;
    private int failures;
    private long nextAttemptNanos;
    private int positionFailures;
    private long positionAttemptNanos;
    private long replayAttemptNanos;
    /** A commit of offsets to Kafka failed (a broker restart, a coordinator move) and is to be sent again. */
    private boolean kafkaOffsetsBehind;
    private long kafkaCommitRetryNanos;

    /** Everything a loop needs; {@link PersisterLoops} builds these. */
    public record Parts(
            BatchFlusher flusher,
            OffsetStore offsets,
            DataSource dataSource,
            FactDecoder decoder,
            PersisterMetrics metrics,
            DatabaseState state,
            Clock clock,
            LongSupplier nanoTime,
            Runnable outboxWritten) {}

    public PersisterLoop(
            String name, Map<String, Object> consumerProperties, List<String> topics, PersisterProperties props,
            Parts parts) {
        this.name = name;
        this.consumerProperties = Map.copyOf(consumerProperties);
        this.topics = List.copyOf(topics);
        this.props = props;
        this.flusher = parts.flusher();
        this.offsets = parts.offsets();
        this.dataSource = parts.dataSource();
        this.decoder = parts.decoder();
        this.metrics = parts.metrics();
        this.state = parts.state();
        this.clock = parts.clock();
        this.nanoTime = parts.nanoTime();
        this.outboxWritten = parts.outboxWritten();
    }

    public String name() {
        return name;
    }

    public String groupId() {
        return offsets.group();
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("persister loop " + name + " was already started");
        }
        running = true;
        thread = new Thread(this::run, "ackflow-persister-" + name);
        thread.start();
        log.info("Persister loop {} started (group {}, {} topics)", name, offsets.group(), topics.size());
    }

    public boolean isRunning() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /** Stops gracefully: flushes the buffer once (unless the database is down), then leaves the group. */
    public void stop(Duration timeout) {
        halt(false, timeout);
    }

    /**
     * Stops as a crash would: buffered records are neither flushed nor committed; the consumer closes and the group
     * rebalances. For tests of crash recovery.
     */
    public void abort(Duration timeout) {
        halt(true, timeout);
    }

    /** Asks the loop to stop gracefully and returns at once; {@link #stop} also waits. */
    public void requestStop() {
        signal(false);
    }

    private void halt(boolean abort, Duration timeout) {
        Thread t = signal(abort);
        if (t == null) {
            return;
        }
        try {
            t.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            log.warn("Persister loop {} did not stop within {}", name, timeout);
        }
    }

    private Thread signal(boolean abort) {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            return null;
        }
        aborted |= abort;
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        return t;
    }

    /** The partitions this loop owns at its last rebalance. */
    public Set<TopicPartition> assignment() {
        return owned;
    }

    /** Hands a replay to the loop thread: it sets the stored offsets of the partitions it owns, then seeks. */
    public void requestReplay(ReplayRequest request) {
        // no wakeup: it could interrupt a blocking call mid-step; the next poll returns within poll-timeout anyway
        replays.add(request);
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> c =
                        new KafkaConsumer<>(consumerProperties, new StringDeserializer(), new ByteArrayDeserializer());
                FlushWorker w = new FlushWorker("ackflow-persister-" + name + "-flush", flusher, clock, nanoTime,
                        props.shutdownTimeout())) {
            consumer = c;
            worker = w;
            c.subscribe(topics, new Rebalance());
            while (running) {
                try {
                    step();
                } catch (WakeupException e) {
                    // stop() woke the poll
                } catch (RuntimeException e) {
                    log.error("Persister loop {} hit an unexpected error; continuing", name, e);
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
                }
            }
            if (aborted) {
                log.info("Persister loop {} aborted with {} buffered and {} in-flight records unflushed", name,
                        buffer.size(), writing == null ? 0 : writing.facts().size());
            } else {
                finish();
            }
        } catch (RuntimeException e) {
            log.error("Persister loop {} stopped", name, e);
        } finally {
            consumer = null;
            owned = Set.of();
            state.loopRecovered(name);
            log.info("Persister loop {} stopped", name);
        }
    }

    /** A graceful stop: the batch in flight ends, then the buffer is flushed once unless the database is down. */
    private void finish() {
        awaitWrites();
        if (!failing && writing == null && !buffer.isEmpty()) {
            submitBuffer();
            awaitWrites();
        }
    }

    private void step() {
        collectWrite();
        if (!replays.isEmpty() && nanoTime.getAsLong() - replayAttemptNanos >= 0) {
            awaitWrites();
            processReplays();
        }
        if (!unpositioned.isEmpty() && nanoTime.getAsLong() - positionAttemptNanos >= 0) {
            awaitWrites();
            position();
        }
        if (failing && !worker.busy() && nanoTime.getAsLong() - nextAttemptNanos >= 0) {
            retryWrite();
        }
        if (kafkaOffsetsBehind && nanoTime.getAsLong() - kafkaCommitRetryNanos >= 0) {
            recommitToKafka();
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(pollTimeout())) {
            pending.add(r);
        }
        if (!failing) {
            drain();
        }
    }

    private void drain() {
        while (!failing) {
            if (bufferFull()) {
                if (!submitBuffer()) {
                    break;
                }
                continue;
            }
            ConsumerRecord<String, byte[]> r = pending.poll();
            if (r == null) {
                break;
            }
            Fact f = decoder.decode(r);
            if (buffer.isEmpty()) {
                bufferStartedNanos = nanoTime.getAsLong();
            }
            buffer.add(f);
            bufferNext.put(f.partition(), r.offset() + 1);
        }
        if (!failing && !buffer.isEmpty()
                && nanoTime.getAsLong() - bufferStartedNanos >= props.flushInterval().toNanos()) {
            submitBuffer();
        }
    }

    /** max-batch-rows reached, or a quiz close marker ends the buffer. */
    private boolean bufferFull() {
        return buffer.size() >= props.maxBatchRows() || (!buffer.isEmpty() && buffer.get(buffer.size() - 1).endsBatch());
    }

    private Duration pollTimeout() {
        long now = nanoTime.getAsLong();
        long nanos = props.pollTimeout().toNanos();
        if (!buffer.isEmpty() && !failing) {
            nanos = Math.min(nanos, bufferStartedNanos + props.flushInterval().toNanos() - now);
        }
        if (failing && !worker.busy()) {
            nanos = Math.min(nanos, nextAttemptNanos - now);
        }
        if (!unpositioned.isEmpty()) {
            nanos = Math.min(nanos, positionAttemptNanos - now);
        }
        return Duration.ofNanos(Math.max(0, nanos));
    }

    /**
     * Hands the buffer to the worker as the next batch. The batch in flight, if any, is waited for first: the offsets
     * it stores are the ones this batch's fence expects. Nothing is handed over while a failed batch waits for its
     * retry. Returns whether the buffer was handed over.
     */
    private boolean submitBuffer() {
        awaitWrites();
        if (failing || writing != null || buffer.isEmpty()) {
            return false;
        }
        Map<TopicPartition, Long> expected = new HashMap<>();
        for (TopicPartition tp : bufferNext.keySet()) {
            expected.put(tp, stored.get(tp));
        }
        Batch batch = new Batch(buffer, expected, bufferNext);
        buffer = new ArrayList<>();
        bufferNext = new HashMap<>();
        submit(batch);
        return true;
    }

    private void submit(Batch batch) {
        writing = batch;
        worker.submit(batch);
    }

    /** Handles the outcome of the batch in flight if its flush has ended. */
    private void collectWrite() {
        FlushWorker.Outcome o = worker.poll();
        if (o != null) {
            handle(o);
        }
    }

    /** Waits until no batch is in flight, handling each outcome (a fenced batch's remainder is written again). */
    private void awaitWrites() {
        while (worker.busy()) {
            handle(worker.await());
        }
    }

    private void retryWrite() {
        Batch retry = writing == null ? null : writing.retain(this::positioned);
        writing = null;
        if (retry == null || retry.isEmpty()) {
            recovered();
        } else {
            submit(retry);
        }
    }

    /**
     * The state changes come first, so that nothing thrown later (metrics, logging) can lose a batch: a failed batch
     * must stay in memory until it commits, or its records would be skipped. Should handling fail all the same, the
     * batch's partitions are re-read from their stored offsets.
     */
    private void handle(FlushWorker.Outcome o) {
        writing = null;
        try {
            if (o.error() != null) {
                Batch retry = o.batch().retain(this::positioned);
                if (retry.isEmpty()) {
                    recovered();
                } else {
                    writing = retry;
                    failed(o.error());
                }
            } else if (o.result() instanceof BatchFlusher.Fenced fenced) {
                fenced(o.batch(), fenced);
            } else {
                committed(o.batch(), (BatchFlusher.Written) o.result(), o.nanos(), o.committedAtMillis());
            }
        } catch (RuntimeException e) {
            if (writing == null && !worker.busy()) {
                reread(o.batch().next().keySet());
            }
            throw e;
        }
    }

    /** The rest of the batch is written again at once; the fenced partitions are re-read from the stored offsets. */
    private void fenced(Batch batch, BatchFlusher.Fenced fenced) {
        Batch rest = batch.retain(tp -> !fenced.partitions().contains(tp) && positioned(tp));
        if (!rest.isEmpty()) {
            submit(rest);
        }
        reread(fenced.partitions());
        if (rest.isEmpty()) {
            recovered();
        }
        metrics.fenced();
        log.warn("Persister loop {}: stored offsets of {} were moved by another instance or a replay; "
                + "dropping their buffered records and seeking to the stored offsets", name, fenced.partitions());
    }

    /**
     * Forgets what is in memory for {@code partitions} and, for those still assigned, pauses them until their stored
     * offsets are read again and the consumer seeks there ({@link #position}).
     */
    private void reread(Collection<TopicPartition> partitions) {
        Set<TopicPartition> assigned = consumer.assignment();
        for (TopicPartition tp : partitions) {
            drop(tp);
            stored.remove(tp);
            if (assigned.contains(tp)) {
                unpositioned.add(tp);
                consumer.pause(List.of(tp));
            }
        }
        positionAttemptNanos = nanoTime.getAsLong();
    }

    /** Owned, and its stored offset read: a partition whose records may be written. */
    private boolean positioned(TopicPartition tp) {
        return stored.containsKey(tp) && !unpositioned.contains(tp);
    }

    private void committed(Batch batch, BatchFlusher.Written written, long nanos, long committedAtMillis) {
        // a partition revoked while its batch was in flight is someone else's now: its next owner reads the offsets
        Map<TopicPartition, Long> next = new HashMap<>();
        batch.next().forEach((tp, offset) -> {
            if (positioned(tp)) {
                next.put(tp, offset);
            }
        });
        stored.putAll(next);
        recovered();
        commitToKafka(next);
        metrics.batch(batch.facts().size(), nanos);
        for (Fact f : batch.facts()) {
            String ingress = RecordHeaders.get(f.record().headers(), Headers.INGRESS_TIME);
            if (ingress != null) {
                try {
                    metrics.persistLag(committedAtMillis - Long.parseLong(ingress.trim()));
                } catch (NumberFormatException e) {
                    // a malformed header is not worth a dead letter
                }
            }
        }
        written.rowsPerTable().forEach(metrics::rowsWritten);
        written.deadLettered().forEach(f -> metrics.deadLettered(f.record().topic()));
        if (!written.deadLettered().isEmpty()) {
            log.warn("Persister loop {} sent {} records to dead-letter topics", name, written.deadLettered().size());
        }
        if (written.rowsPerTable().getOrDefault(RowWriters.OUTBOX.table(), 0) > 0) {
            outboxWritten.run();
        }
        log.debug("Persister loop {} committed {} records in {} ms: {}", name, batch.facts().size(),
                nanos / 1_000_000, written.rowsPerTable());
    }

    private void failed(Exception e) {
        failures++;
        metrics.retry();
        state.loopFailed(name, e);
        Duration backoff = props.retry().backoff(failures);
        nextAttemptNanos = nanoTime.getAsLong() + backoff.toNanos();
        if (!failing) {
            failing = true;
            metrics.pause();
            consumer.pause(consumer.assignment());
            log.warn("Persister loop {}: flush of {} records failed ({}); paused consumption, retrying in {}", name,
                    writing.facts().size(), e.toString(), backoff);
        } else {
            log.debug("Persister loop {}: retry {} failed ({}); next in {}", name, failures, e.toString(), backoff);
        }
    }

    private void recovered() {
        if (failing) {
            log.info("Persister loop {}: database back after {} failed attempts; resuming", name, failures);
        }
        failing = false;
        failures = 0;
        if (positionFailures == 0) {
            state.loopRecovered(name);
        }
        Set<TopicPartition> resumable = new HashSet<>(consumer.assignment());
        resumable.removeAll(unpositioned);
        resumable.retainAll(consumer.paused());
        if (!resumable.isEmpty()) {
            consumer.resume(resumable);
        }
    }

    private void commitToKafka(Map<TopicPartition, Long> next) {
        if (next.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        next.forEach((tp, o) -> commit.put(tp, new OffsetAndMetadata(o)));
        consumer.commitAsync(commit, (o, e) -> { // called on this loop's thread, inside poll
            if (e != null) {
                log.debug("Kafka offset commit (for lag tools only) failed, sent again in {}: {}", KAFKA_COMMIT_RETRY,
                        e.toString());
                kafkaOffsetsBehind = true;
                kafkaCommitRetryNanos = nanoTime.getAsLong() + KAFKA_COMMIT_RETRY.toNanos();
            }
        });
    }

    /**
     * Commits to Kafka the offsets stored in PostgreSQL for every partition this loop owns, after a commit failed.
     * Without it, a partition whose commit failed (say, across a broker restart) would show lag in {@code ./ackflow lag}
     * and the lag alerts until its next record, although PostgreSQL holds the right offset. Sending the stored offsets
     * rather than the failed ones means a late failure can never move Kafka's offset back.
     */
    private void recommitToKafka() {
        kafkaOffsetsBehind = false;
        Map<TopicPartition, Long> owned = new HashMap<>();
        stored.forEach((tp, offset) -> {
            if (positioned(tp)) {
                owned.put(tp, offset);
            }
        });
        commitToKafka(owned);
    }

    /** Reads (or seeds) the stored offsets of newly assigned partitions, seeks to them and resumes them. */
    private void position() {
        List<TopicPartition> tps = new ArrayList<>(unpositioned);
        tps.retainAll(consumer.assignment());
        unpositioned.retainAll(tps);
        if (tps.isEmpty()) {
            return;
        }
        try {
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(tps, Duration.ofSeconds(5));
            Map<TopicPartition, Long> loaded;
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                loaded = offsets.loadOrSeed(c, beginning);
                c.commit();
            }
            Map<TopicPartition, Long> positioned = new HashMap<>();
            for (TopicPartition tp : tps) {
                long offset = loaded.getOrDefault(tp, beginning.getOrDefault(tp, 0L));
                consumer.seek(tp, offset);
                stored.put(tp, offset);
                positioned.put(tp, offset);
            }
            unpositioned.removeAll(tps);
            // Kafka's copy may be behind: the previous owner's commit can have failed (a broker restart that also
            // caused this rebalance), and nothing else would send it until the partition's next record
            commitToKafka(positioned);
            positionFailures = 0;
            log.debug("Persister loop {} positioned {} partitions from stored offsets", name, tps.size());
            if (!failing) {
                recovered();
            }
        } catch (Exception e) {
            positionFailures++;
            state.loopFailed(name, e);
            Duration backoff = props.retry().backoff(positionFailures);
            positionAttemptNanos = nanoTime.getAsLong() + backoff.toNanos();
            log.warn("Persister loop {} could not read stored offsets of {} partitions ({}); retrying in {}", name,
                    tps.size(), e.toString(), backoff);
        }
    }

    private void processReplays() {
        ReplayRequest request;
        while ((request = replays.peek()) != null && nanoTime.getAsLong() - replayAttemptNanos >= 0) {
            if (!offsets.group().equals(request.groupId()) || !topics.contains(request.topic())
                    || request.fromOffsets() == null) {
                replays.poll();
                continue;
            }
            Map<TopicPartition, Long> mine = new HashMap<>();
            Set<TopicPartition> assignment = consumer.assignment();
            for (Map.Entry<Integer, Long> e : request.fromOffsets().entrySet()) {
                TopicPartition tp = new TopicPartition(request.topic(), e.getKey());
                if (assignment.contains(tp) && e.getValue() != null && e.getValue() >= 0) {
                    mine.put(tp, e.getValue());
                }
            }
            try {
                if (!mine.isEmpty()) {
                    try (Connection c = dataSource.getConnection()) {
                        c.setAutoCommit(false);
                        offsets.reset(c, mine);
                        c.commit();
                    }
                    for (Map.Entry<TopicPartition, Long> e : mine.entrySet()) {
                        drop(e.getKey());
                        if (!unpositioned.contains(e.getKey())) {
                            consumer.seek(e.getKey(), e.getValue());
                            stored.put(e.getKey(), e.getValue());
                        }
                    }
                    commitToKafka(mine);
                }
                log.info("Replay {}: persister loop {} rewound {} of its partitions of {} to {}", request.replayId(),
                        name, mine.size(), request.topic(), mine);
                replays.poll();
            } catch (Exception e) {
                replayAttemptNanos = nanoTime.getAsLong() + TimeUnit.SECONDS.toNanos(1);
                log.warn("Replay {}: persister loop {} could not store the new offsets ({}); retrying",
                        request.replayId(), name, e.toString());
            }
        }
    }

    /**
     * Forgets buffered and pending records of {@code tp}, and those of a failed batch waiting for its retry: they will
     * be re-read from the stored offset. A batch in flight cannot change; its outcome is applied to the partitions
     * still positioned then.
     */
    private void drop(TopicPartition tp) {
        buffer.removeIf(f -> f.partition().equals(tp));
        bufferNext.remove(tp);
        pending.removeIf(r -> r.partition() == tp.partition() && r.topic().equals(tp.topic()));
        if (writing != null && !worker.busy()) {
            writing = writing.retain(p -> !p.equals(tp));
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                drop(tp);
                stored.remove(tp);
                unpositioned.remove(tp);
            }
            owned = Set.copyOf(consumer.assignment());
            log.debug("Persister loop {} lost {} partitions", name, partitions.size());
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            unpositioned.addAll(partitions);
            consumer.pause(partitions);
            positionAttemptNanos = nanoTime.getAsLong();
            owned = Set.copyOf(consumer.assignment());
            log.info("Persister loop {} assigned {} partitions (now owns {})", name, partitions.size(),
                    consumer.assignment().size());
        }
    }
}
