package io.ackflow.bench.persister;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one benchmark run does. {@link #full()} is the workload; {@link #smoke()} the same phases, small.
 *
 * @param events bid events produced to the topic
 * @param keys distinct (auction, bidder) keys; {@code events - keys} events conflict with an earlier one (default:
 *     half the events)
 * @param batchRows persister {@code max-batch-rows} values to measure (each a separate pass over the topic)
 * @param loops {@code ackflow.persister.loops} values to measure (the loops share the partitions; each writes on its
 *     own connection)
 * @param warmupEvents records the warm-up pass commits before it is aborted (JIT), not reported
 * @param sample events written by the one-row-per-transaction baseline
 * @param lagRate events per second in the persist-lag phase
 * @param lagDuration length of the persist-lag phase
 * @param out where the Markdown results go
 * @param dataDir where the embedded broker and database keep their data (deleted at exit)
 * @param postgresUrl the JDBC URL (with {@code user} and {@code password} parameters as needed) of a PostgreSQL server
 *     to measure instead of the embedded one, or null; the benchmark migrates it and truncates {@code bids}, so give it
 *     a scratch database
 * @param postgresDataDir that server's data directory, for its CPU time ({@code postmaster.pid}), or null (then the
 *     PostgreSQL CPU column is n/a)
 */
record BenchOptions(
        int events,
        int keys,
        List<Integer> batchRows,
        List<Integer> loops,
        int warmupEvents,
        int sample,
        int lagRate,
        Duration lagDuration,
        Path out,
        Path dataDir,
        String postgresUrl,
        Path postgresDataDir) {

    private static final Set<String> OPTIONS = Set.of("--events", "--keys", "--batches", "--loops", "--warmup",
            "--sample", "--lag-rate", "--lag-seconds", "--out", "--data-dir", "--postgres", "--postgres-data-dir");

    BenchOptions {
        if (keys < 1 || events < keys) {
            throw new IllegalArgumentException("--keys must be between 1 and --events, got " + keys);
        }
        if (batchRows.isEmpty() || batchRows.stream().anyMatch(b -> b < 1 || b > 100_000)) {
            throw new IllegalArgumentException("--batches must list values between 1 and 100000, got " + batchRows);
        }
        if (loops.isEmpty() || loops.stream().anyMatch(n -> n < 1 || n > 16)) {
            throw new IllegalArgumentException("--loops must list values between 1 and 16, got " + loops);
        }
        if (sample < 1 || sample > events) {
            throw new IllegalArgumentException("--sample must be between 1 and --events, got " + sample);
        }
        if (lagRate < 1 || lagDuration.isNegative() || lagDuration.isZero()) {
            throw new IllegalArgumentException("--lag-rate and --lag-seconds must be positive");
        }
        if (postgresUrl != null && !postgresUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--postgres must be a jdbc:postgresql: URL, got " + postgresUrl);
        }
        if (postgresDataDir != null && postgresUrl == null) {
            throw new IllegalArgumentException("--postgres-data-dir needs --postgres");
        }
        warmupEvents = Math.min(Math.max(0, warmupEvents), events);
    }

    /** Issue 4's workload: 1M events over 500k keys, batches of 5k and 20k, one and two loops, 30 s at 5,000/s. */
    static BenchOptions full() {
        return new BenchOptions(1_000_000, 500_000, List.of(5000, 20_000), List.of(1, 2), 200_000, 20_000, 5000,
                Duration.ofSeconds(30), defaultOut(), tempDir(), null, null);
    }

    /** A smoke run of every phase: 50k events over 25k keys, 2k single-row commits, 10 s of lag at 5,000/s. */
    static BenchOptions smoke() {
        return new BenchOptions(50_000, 25_000, List.of(5000, 20_000), List.of(1, 2), 10_000, 2000, 5000,
                Duration.ofSeconds(10), defaultOut(), tempDir(), null, null);
    }

    /**
     * {@code --short}, then any of {@code --events --keys --batches --loops --warmup --sample --lag-rate --lag-seconds
     * --out --data-dir --postgres --postgres-data-dir}, in any order (the values are checked together once all are read).
     */
    static BenchOptions parse(String[] args) {
        BenchOptions o = Arrays.asList(args).contains("--short") ? smoke() : full();
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--short")) {
                continue;
            }
            if (!OPTIONS.contains(a)) {
                throw new IllegalArgumentException("unknown option " + a);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + a);
            }
            given.put(a, args[++i]);
        }
        int events = given.containsKey("--events") ? Integer.parseInt(given.get("--events")) : o.events;
        return new BenchOptions(
                events,
                given.containsKey("--keys") ? Integer.parseInt(given.get("--keys")) : Math.max(1, events / 2),
                given.containsKey("--batches") ? ints(given.get("--batches")) : o.batchRows,
                given.containsKey("--loops") ? ints(given.get("--loops")) : o.loops,
                given.containsKey("--warmup") ? Integer.parseInt(given.get("--warmup")) : o.warmupEvents,
                given.containsKey("--sample") ? Integer.parseInt(given.get("--sample")) : Math.min(o.sample, events),
                given.containsKey("--lag-rate") ? Integer.parseInt(given.get("--lag-rate")) : o.lagRate,
                given.containsKey("--lag-seconds")
                        ? Duration.ofSeconds(Long.parseLong(given.get("--lag-seconds"))) : o.lagDuration,
                given.containsKey("--out") ? Path.of(given.get("--out")) : o.out,
                given.containsKey("--data-dir") ? Path.of(given.get("--data-dir")) : o.dataDir,
                given.getOrDefault("--postgres", o.postgresUrl),
                given.containsKey("--postgres-data-dir") ? Path.of(given.get("--postgres-data-dir")) : o.postgresDataDir);
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }

    private static Path defaultOut() {
        Path module = Path.of("infra", "bench");
        Path dir = Files.isDirectory(module) ? module.resolve("target") : Path.of("target");
        return dir.resolve("persister-benchmark.md");
    }

    private static Path tempDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "ackflow-persister-bench-" + ProcessHandle.current().pid());
    }
}
