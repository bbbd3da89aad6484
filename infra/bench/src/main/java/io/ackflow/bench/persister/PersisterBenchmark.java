package io.ackflow.bench.persister;

import io.ackflow.embedded.EmbeddedStack;
import io.ackflow.persister.PersisterProperties;
import io.ackflow.persister.upsert.FactDecoder;
import io.ackflow.schema.Topics;
import io.ackflow.schema.topics.TopicProperties;
import io.ackflow.schema.topics.TopicProvisioner;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persister benchmark (issue 4, "Speed"), every phase in one run against the embedded PostgreSQL 17 (fsync on,
 * synchronous_commit on), or a server given with {@code --postgres}, and the embedded Kafka broker:
 *
 * <ol>
 *   <li>produce the workload to {@link Topics#BIDS_ACCEPTED} (1M bid events over 500k keys, half conflicting);
 *   <li>baselines: one {@code COPY} of the same rows into a table with no key (the ceiling); one upsert and one commit
 *       per row (a sample);
 *   <li>the real persister loop(s) from the first record to the last commit, per batch size and instance count;
 *   <li>persist lag with the default settings while events arrive at a fixed rate (open model).
 * </ol>
 *
 * <p>Every phase checks its row counts against the workload, so a fast but wrong result is reported as such.
 */
public final class PersisterBenchmark {
    private static final Logger log = LoggerFactory.getLogger(PersisterBenchmark.class);
    private static final String MAIN_PREFIX = "auction-";
    private static final String LAG_PREFIX = "lag-auction-";
    /** How many times the COPY ceiling is measured; the report takes the median. */
    private static final int COPY_RUNS = 3;

    private PersisterBenchmark() {}

    public static void main(String[] args) throws Exception {
        QuietLogs.apply();
        BenchOptions options = BenchOptions.parse(args);
        int status;
        try {
            BenchReport report = run(options);
            String md = report.markdown();
            System.out.println();
            System.out.println(md);
            Files.createDirectories(options.out().toAbsolutePath().getParent());
            Files.writeString(options.out(), md, StandardCharsets.UTF_8);
            System.out.println("Written to " + options.out().toAbsolutePath());
            status = report.allChecksPassed() ? 0 : 1;
        } catch (Exception e) {
            log.error("The persister benchmark failed", e);
            status = 2;
        }
        // the embedded broker's threads are not daemons; the shutdown hook stops the stack and deletes its data
        System.exit(status);
    }

    /** Runs every phase on the embedded stack (started here unless this JVM already runs one) and reports. */
    public static BenchReport run(BenchOptions o) throws Exception {
        long started = System.nanoTime();
        BenchReport report = new BenchReport();
        boolean given = o.postgresUrl() != null;
        EmbeddedStack.Options stackOptions = new EmbeddedStack.Options(o.dataDir(), 0, 0, true, true, true);
        // a given server is measured alone: no embedded PostgreSQL beside it
        EmbeddedStack stack = EmbeddedStack.startOnce(given ? stackOptions.kafkaOnly() : stackOptions);
        String bootstrap = stack.bootstrapServers();
        TopicProperties topics = new TopicProperties(null, null, null, null, null);
        new TopicProvisioner(Map.of("bootstrap.servers", bootstrap), topics, Duration.ofSeconds(60)).provision();
        BidWorkload main = BidWorkload.generate(MAIN_PREFIX, o.events(), o.keys(), 42);
        int lagEvents = (int) Math.min(Integer.MAX_VALUE, o.lagRate() * o.lagDuration().toSeconds());
        BidWorkload lagLoad = BidWorkload.generate(LAG_PREFIX, lagEvents, Math.max(1, lagEvents / 2), 7);

        try (BenchDatabase db = given ? new BenchDatabase(o.postgresUrl(), null)
                        : new BenchDatabase(stack.jdbcUrl(), stack.jdbcUser());
                BidProducer producer = new BidProducer(bootstrap)) {
            db.migrate();
            setup(report, o, db, topics);
            report.events = o.events();

            Map<TopicPartition, Long> before = producer.endOffsets(FactDecoder.allTopics());
            log.info("Producing {} bid events to {}", o.events(), Topics.BIDS_ACCEPTED);
            long t = System.nanoTime();
            producer.sendAll(main);
            double produceSeconds = (System.nanoTime() - t) / 1e9;
            Map<TopicPartition, Long> after = producer.endOffsets(FactDecoder.allTopics());
            report.setup.add(String.format(Locale.ROOT, "produced %,d events to `%s` in %.1f s (%,.0f/s)", o.events(),
                    Topics.BIDS_ACCEPTED, produceSeconds, o.events() / produceSeconds));
            report.check("records on " + Topics.BIDS_ACCEPTED,
                    o.events(), BidProducer.sum(after, Topics.BIDS_ACCEPTED) - BidProducer.sum(before, Topics.BIDS_ACCEPTED));
            // every loop starts at this run's first bid and at the end of the other subscribed topics
            Map<TopicPartition, Long> start = new HashMap<>(after);
            before.forEach((tp, offset) -> {
                if (tp.topic().equals(Topics.BIDS_ACCEPTED)) {
                    start.put(tp, offset);
                }
            });

            CpuClock cpu = new CpuClock(given ? o.postgresDataDir() : stack.dataDir().resolve("postgres"));
            Baselines baselines = new Baselines(db, cpu);
            copy(report, baselines, db, main);
            rowPerTransaction(report, baselines, db, main, o.sample());
            writerOnly(report, baselines, db, main, PersisterProperties.defaults().maxBatchRows());
            writerWithoutLeaderboardIndex(report, baselines, db, main, PersisterProperties.defaults().maxBatchRows());
            // right before the timed passes, so that the code they run is the code the JIT just compiled
            warmUp(o, db, bootstrap, start);
            for (int loops : o.loops()) {
                for (int batch : o.batchRows()) {
                    pass(report, db, cpu, bootstrap, main, start, after, loops, batch);
                }
            }
            lag(report, o, db, producer, bootstrap, lagLoad);
        }
        report.setup.add("load average (1, 5, 15 min) at the end: " + loadAverage()
                + " (above the core count means other processes shared the CPUs)");
        report.runtime = Duration.ofNanos(System.nanoTime() - started);
        return report;
    }

    private static void setup(BenchReport report, BenchOptions o, BenchDatabase db, TopicProperties topics) {
        report.setup.add("date: " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        report.setup.add(String.format(Locale.ROOT, "machine: %d cores, %s %s, Java %s, heap %d MB (%s)",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20,
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())));
        report.setup.add("load average (1, 5, 15 min) at the start: " + loadAverage());
        report.setup.add(db.serverVersion() + "; embedded KRaft broker (1 node); `" + Topics.BIDS_ACCEPTED + "` has "
                + topics.partitions().getOrDefault(Topics.BIDS_ACCEPTED, topics.defaultPartitions()) + " partitions");
        report.setup.add(String.format(Locale.ROOT,
                "workload: %,d bid events over %,d (auction, bidder) keys (%,d auctions × %d bidders); %,d events "
                        + "(%.0f%%) repeat an earlier key", o.events(), o.keys(),
                (o.keys() + BidWorkload.BIDDERS_PER_AUCTION - 1) / BidWorkload.BIDDERS_PER_AUCTION,
                BidWorkload.BIDDERS_PER_AUCTION, o.events() - o.keys(), 100.0 * (o.events() - o.keys()) / o.events()));
    }

    private static void copy(BenchReport report, Baselines baselines, BenchDatabase db, BidWorkload w)
            throws Exception {
        // a COPY of 1M rows takes 2-4 s, short enough for one checkpoint or one neighbour's burst to move it by a
        // third: the ceiling is the median of three, each into a new table after a checkpoint
        List<Baselines.Measured> runs = new ArrayList<>();
        for (int i = 0; i < COPY_RUNS; i++) {
            log.info("Baseline: COPY of {} rows ({} of {})", w.events(), i + 1, COPY_RUNS);
            runs.add(baselines.copy(w));
            report.check("COPY rows (" + (i + 1) + " of " + COPY_RUNS + ")", w.events(),
                    db.contents(Baselines.COPY_TABLE, w.auctionPrefix()).rows());
        }
        List<Baselines.Measured> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(Baselines.Measured::rowsPerSecond));
        Baselines.Measured m = sorted.get(COPY_RUNS / 2);
        report.copyRowsPerSecond = m.rowsPerSecond();
        report.rows.add(new BenchReport.Row("`COPY` into a table with no key (ceiling)", m.rowsPerSecond(),
                String.format(Locale.ROOT, "one statement + commit: %.2f s", m.nanos() / 1e9), m.cpu(),
                "every event, uncollapsed; the median of " + COPY_RUNS + " runs: " + runs.stream()
                        .map(r -> String.format(Locale.ROOT, "%,.0f", r.rowsPerSecond()))
                        .collect(Collectors.joining(", ")) + " rows/s"));
    }

    private static void rowPerTransaction(BenchReport report, Baselines baselines, BenchDatabase db, BidWorkload w,
            int sample) throws Exception {
        // the events of the first keys, in offset order: the same conflict ratio as the whole workload
        int sampleKeys = (int) Math.max(1, (long) w.keys() * sample / w.events());
        int[] events = IntStream.range(0, w.events()).filter(i -> w.keyOf(i) < sampleKeys).limit(sample).toArray();
        log.info("Baseline: one upsert and one commit per row, {} rows", events.length);
        Baselines.Measured m = baselines.rowPerTransaction(w, events);
        BidWorkload.Expectation expected = w.expect(events);
        report.rows.add(new BenchReport.Row("one `INSERT ... ON CONFLICT` + commit per row (the replaced systems)",
                m.rowsPerSecond(), String.format(Locale.ROOT, "per row p50 %.2f ms, p99 %.2f ms", m.p50(), m.p99()),
                m.cpu(),
                String.format(Locale.ROOT, "a sample: %,d events over %,d keys", events.length, expected.rows())));
        BenchDatabase.Contents c = db.contents("bids", w.auctionPrefix());
        report.check("rows after one-row commits", expected.rows() + " / " + expected.amountSum(),
                c.rows() + " / " + c.amountSum());
    }

    private static void writerOnly(BenchReport report, Baselines baselines, BenchDatabase db, BidWorkload w,
            int batch) throws Exception {
        log.info("The write path alone: RowWriters.BIDS, {} per batch, from memory", batch);
        report.writerMethod = writerRow(report, baselines, db, w, batch,
                String.format(Locale.ROOT, "`RowWriters.BIDS` alone, %,d per batch (no Kafka, no offsets)", batch),
                "collapse + unnest upsert + commit, from memory");
    }

    /**
     * A diagnostic: the same write path with {@code bids_leaderboard_idx} dropped for the phase and recreated after it.
     * The read side needs that index (the leaderboard is an index scan that stops after N entries), so the persister
     * keeps it; this row shows what it costs the upsert, and so how far the {@code COPY} ratio can move without it.
     */
    private static void writerWithoutLeaderboardIndex(BenchReport report, Baselines baselines, BenchDatabase db,
            BidWorkload w, int batch) throws Exception {
        log.info("Diagnostic: RowWriters.BIDS, {} per batch, without {}", batch, BenchDatabase.LEADERBOARD_INDEX);
        String definition = db.indexDefinition(BenchDatabase.LEADERBOARD_INDEX);
        db.execute("DROP INDEX " + BenchDatabase.LEADERBOARD_INDEX);
        try {
            report.writerWithoutIndexMethod = writerRow(report, baselines, db, w, batch,
                    String.format(Locale.ROOT, "`RowWriters.BIDS` alone, %,d per batch, without `%s` (diagnostic)",
                            batch, BenchDatabase.LEADERBOARD_INDEX),
                    "as above, primary key only: updates become HOT; the read side needs the index, so it stays");
        } finally {
            db.execute(definition);
        }
        report.check("leaderboard index restored", definition, db.indexDefinition(BenchDatabase.LEADERBOARD_INDEX));
    }

    /** Measures {@link Baselines#writerOnly}, reports it as {@code method} and checks the rows; returns the method. */
    private static String writerRow(BenchReport report, Baselines baselines, BenchDatabase db, BidWorkload w,
            int batch, String method, String notes) throws Exception {
        Baselines.Measured m = baselines.writerOnly(w, batch);
        report.rows.add(new BenchReport.Row(method, m.rowsPerSecond(),
                String.format(Locale.ROOT, "batch p50 %.0f ms, p99 %.0f ms", m.p50(), m.p99()), m.cpu(), notes));
        checkBids(report, db, w, "bids rows / sum(amount) after: " + method);
        return method;
    }

    /** Checks that {@code bids} holds exactly the rows (count and sum of amounts) the rule keeps for {@code w}. */
    private static void checkBids(BenchReport report, BenchDatabase db, BidWorkload w, String what) {
        BidWorkload.Expectation expected = w.expectAll();
        BenchDatabase.Contents c = db.contents("bids", w.auctionPrefix());
        report.check(what, expected.rows() + " / " + expected.amountSum(), c.rows() + " / " + c.amountSum());
    }

    private static void warmUp(BenchOptions o, BenchDatabase db, String bootstrap, Map<TopicPartition, Long> start)
            throws Exception {
        if (o.warmupEvents() == 0) {
            return;
        }
        log.info("Warm-up: the persister commits {} records, then stops; not reported", o.warmupEvents());
        db.resetBids();
        db.storeOffsets(start);
        PersisterPass pass = new PersisterPass(bootstrap, db.dataSource(), PersisterProperties.defaults());
        try {
            pass.start();
            pass.awaitCommitted(o.warmupEvents(), Duration.ofMinutes(5));
        } finally {
            pass.abort();
        }
    }

    private static void pass(BenchReport report, BenchDatabase db, CpuClock cpu, String bootstrap, BidWorkload w,
            Map<TopicPartition, Long> start, Map<TopicPartition, Long> end, int loops, int batch)
            throws Exception {
        PersisterProperties defaults = PersisterProperties.defaults();
        boolean isDefault = loops == defaults.loops() && batch == defaults.maxBatchRows();
        String method = "persister, " + loops + (loops == 1 ? " loop" : " loops") + ", "
                + String.format(Locale.ROOT, "%,d", batch) + " per batch" + (isDefault ? " (default)" : "");
        log.info("Measuring: {}", method);
        db.resetBids();
        db.storeOffsets(start);
        PersisterProperties props =
                new PersisterProperties(null, loops, null, batch, null, null, null, null, null, null);
        long assigned;
        long done;
        CpuClock.Sample used;
        PersisterPass pass = new PersisterPass(bootstrap, db.dataSource(), props);
        try {
            CpuClock.Sample before = cpu.now();
            pass.start();
            assigned = pass.awaitAssigned(Duration.ofMinutes(1));
            done = pass.awaitCommitted(w.events(), Duration.ofSeconds(Math.max(300, w.events() / 2000)));
            used = cpu.now().minus(before);
        } finally {
            pass.close();
        }
        double seconds = (done - assigned) / 1e9;
        PersisterPass.Latency flush = pass.flushDuration();
        report.rows.add(new BenchReport.Row(method, w.events() / seconds,
                String.format(Locale.ROOT, "batch p50 %.0f ms, p99 %.0f ms", flush.p50(), flush.p99()), used,
                String.format(Locale.ROOT, "%,d batches in %.1f s%s", flush.count(), seconds,
                        pass.fenced() > 0 ? ", " + pass.fenced() + " fenced (rebalance)" : "")));
        if (isDefault) {
            report.defaultMethod = method;
        }
        checkBids(report, db, w, "bids rows / sum(amount) after: " + method);
        report.check("stored offsets after: " + method, offsets(end), db.storedOffsets(Topics.BIDS_ACCEPTED));
        report.check("dead letters in: " + method, 0, pass.poison());
    }

    private static void lag(BenchReport report, BenchOptions o, BenchDatabase db, BidProducer producer,
            String bootstrap, BidWorkload w) throws Exception {
        PersisterProperties props = PersisterProperties.defaults();
        log.info("Persist lag: {} events/s for {} with the default settings (flush interval {})", o.lagRate(),
                o.lagDuration(), props.flushInterval());
        db.storeOffsets(producer.endOffsets(FactDecoder.allTopics()));
        db.checkpoint();
        Map<TopicPartition, Long> end;
        BidProducer.Paced paced;
        PersisterPass pass = new PersisterPass(bootstrap, db.dataSource(), props);
        try {
            pass.start();
            pass.awaitAssigned(Duration.ofMinutes(1));
            paced = producer.sendAtRate(w, o.lagRate());
            pass.awaitCommitted(w.events(), Duration.ofMinutes(2));
        } finally {
            pass.close();
        }
        end = producer.endOffsets(List.of(Topics.BIDS_ACCEPTED));
        PersisterPass.Latency lag = pass.persistLag();
        PersisterPass.Latency flush = pass.flushDuration();
        report.lag = new BenchReport.Lag(o.lagRate(), o.lagDuration(), lag.count(), lag.p50(), lag.p99(), lag.max(),
                props.flushInterval().toMillis(), paced.maxBehindMicros(),
                String.format(Locale.ROOT, "%,d, flush p50 %.0f ms, p99 %.0f ms", flush.count(), flush.p50(),
                        flush.p99()));
        report.check("lag phase: records timed", w.events(), lag.count());
        checkBids(report, db, w, "lag phase: bids rows / sum(amount)");
        report.check("lag phase: stored offsets", offsets(end), db.storedOffsets(Topics.BIDS_ACCEPTED));
    }

    /** The first three fields of /proc/loadavg, or "n/a" off Linux. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static Map<Integer, Long> offsets(Map<TopicPartition, Long> offsets) {
        Map<Integer, Long> out = new TreeMap<>();
        offsets.forEach((tp, o) -> {
            if (tp.topic().equals(Topics.BIDS_ACCEPTED)) {
                out.put(tp.partition(), o);
            }
        });
        return out;
    }
}
