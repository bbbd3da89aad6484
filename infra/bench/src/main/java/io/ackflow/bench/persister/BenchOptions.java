package io.ackflow.bench.persister;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What one benchmark run does. {@link #full()} is the workload; {@link #smoke()} the same phases, small.
 *
 * @param events bid events produced to the topic
 * @param keys distinct (auction, bidder) keys; {@code events - keys} events conflict with an earlier one
 * @param batchRows persister {@code max-batch-rows} values to measure (each a separate pass over the topic)
 * @param instances persister loop counts to measure (loops share the partitions, one connection each)
 * @param warmupEvents records the warm-up pass commits before it is aborted (JIT), not reported
 * @param sample events written by the one-row-per-transaction baseline
 * @param lagRate events per second in the persist-lag phase
 * @param lagDuration length of the persist-lag phase
 * @param out where the Markdown results go
 * @param dataDir where the embedded broker and database keep their data (deleted at exit)
 */
record BenchOptions(
        int events,
        int keys,
        List<Integer> batchRows,
        List<Integer> instances,
        int warmupEvents,
        int sample,
        int lagRate,
        Duration lagDuration,
        Path out,
        Path dataDir) {

    BenchOptions {
        if (keys < 1 || events < keys) {
            throw new IllegalArgumentException("--keys must be between 1 and --events, got " + keys);
        }
        if (batchRows.isEmpty() || batchRows.stream().anyMatch(b -> b < 1 || b > 100_000)) {
            throw new IllegalArgumentException("--batches must list values between 1 and 100000, got " + batchRows);
        }
        if (instances.isEmpty() || instances.stream().anyMatch(n -> n < 1 || n > 16)) {
            throw new IllegalArgumentException("--instances must list values between 1 and 16, got " + instances);
        }
        if (sample < 1 || sample > events) {
            throw new IllegalArgumentException("--sample must be between 1 and --events, got " + sample);
        }
        if (lagRate < 1 || lagDuration.isNegative() || lagDuration.isZero()) {
            throw new IllegalArgumentException("--lag-rate and --lag-seconds must be positive");
        }
        warmupEvents = Math.min(Math.max(0, warmupEvents), events);
    }

    /** Issue 4's workload: 1M events over 500k keys, batches of 5k and 20k, one and two loops, 30 s at 5,000/s. */
    static BenchOptions full() {
        return new BenchOptions(1_000_000, 500_000, List.of(5000, 20_000), List.of(1, 2), 200_000, 20_000, 5000,
                Duration.ofSeconds(30), defaultOut(), tempDir());
    }

    /** A smoke run of every phase: 50k events over 25k keys, 2k single-row commits, 10 s of lag at 5,000/s. */
    static BenchOptions smoke() {
        return new BenchOptions(50_000, 25_000, List.of(5000, 20_000), List.of(1, 2), 10_000, 2000, 5000,
                Duration.ofSeconds(10), defaultOut(), tempDir());
    }

    /** {@code --short}, then any of {@code --events --keys --batches --instances --warmup --sample --lag-rate
     * --lag-seconds --out --data-dir}. */
    static BenchOptions parse(String[] args) {
        BenchOptions o = Arrays.asList(args).contains("--short") ? smoke() : full();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--short")) {
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + a);
            }
            String v = args[++i];
            o = switch (a) {
                case "--events" -> o.with(Integer.parseInt(v), o.keys, o.batchRows, o.instances, o.sample, o.lagRate,
                        o.lagDuration, o.out, o.dataDir, o.warmupEvents);
                case "--keys" -> o.with(o.events, Integer.parseInt(v), o.batchRows, o.instances, o.sample, o.lagRate,
                        o.lagDuration, o.out, o.dataDir, o.warmupEvents);
                case "--batches" -> o.with(o.events, o.keys, ints(v), o.instances, o.sample, o.lagRate, o.lagDuration,
                        o.out, o.dataDir, o.warmupEvents);
                case "--instances" -> o.with(o.events, o.keys, o.batchRows, ints(v), o.sample, o.lagRate,
                        o.lagDuration, o.out, o.dataDir, o.warmupEvents);
                case "--warmup" -> o.with(o.events, o.keys, o.batchRows, o.instances, o.sample, o.lagRate,
                        o.lagDuration, o.out, o.dataDir, Integer.parseInt(v));
                case "--sample" -> o.with(o.events, o.keys, o.batchRows, o.instances, Integer.parseInt(v), o.lagRate,
                        o.lagDuration, o.out, o.dataDir, o.warmupEvents);
                case "--lag-rate" -> o.with(o.events, o.keys, o.batchRows, o.instances, o.sample, Integer.parseInt(v),
                        o.lagDuration, o.out, o.dataDir, o.warmupEvents);
                case "--lag-seconds" -> o.with(o.events, o.keys, o.batchRows, o.instances, o.sample, o.lagRate,
                        Duration.ofSeconds(Long.parseLong(v)), o.out, o.dataDir, o.warmupEvents);
                case "--out" -> o.with(o.events, o.keys, o.batchRows, o.instances, o.sample, o.lagRate, o.lagDuration,
                        Path.of(v), o.dataDir, o.warmupEvents);
                case "--data-dir" -> o.with(o.events, o.keys, o.batchRows, o.instances, o.sample, o.lagRate,
                        o.lagDuration, o.out, Path.of(v), o.warmupEvents);
                default -> throw new IllegalArgumentException("unknown option " + a);
            };
        }
        return o;
    }

    private BenchOptions with(int events, int keys, List<Integer> batchRows, List<Integer> instances, int sample,
            int lagRate, Duration lagDuration, Path out, Path dataDir, int warmupEvents) {
        return new BenchOptions(events, keys, batchRows, instances, Math.min(warmupEvents, events),
                Math.min(sample, events), lagRate, lagDuration, out, dataDir);
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
