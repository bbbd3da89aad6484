package io.ackflow.bench.ingress;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Command-line options of {@code ingress}. Every value is checked here, with a message naming the option.
 *
 * @param rates arrival rates per second, each run in turn per target
 * @param warmup leading period of each step that is sent but not measured
 * @param jitWarmup unmeasured load each HTTP target JVM serves once, before its first step, so the JIT compiler has
 *     finished with the request path (C2 spent about 25 s of CPU on ackflow's on this 2-core machine)
 * @param jitWarmupRate arrival rate of that load
 * @param duration measured window of each step
 * @param connections keep-alive connections of the HTTP generator
 * @param targets what to measure, in order
 * @param ackflowJar the ackflow app jar
 * @param ackflowArgs extra arguments for the ackflow JVM (e.g. a client-key rate limit)
 * @param jvmArgs extra JVM options for every target JVM ({@code {target}} is replaced by the target id, so a
 *     {@code -XX:StartFlightRecording=filename=/tmp/{target}.jfr} profile gets one file per target)
 * @param heap heap of every target JVM ({@code -Xms = -Xmx})
 * @param out where to write the results (Markdown); null for the run folder
 * @param runRoot folder for this run's logs and broker data
 * @param rounds how many times every target is measured at every rate, in turn (round 1: all targets, then round 2:
 *     all targets, ...), so that a target and its baseline see the same stretch of a noisy machine; with more than one
 *     round the report adds the median of each figure and each round's ratio to the raw producer
 */
record BenchOptions(
        List<Double> rates,
        Duration warmup,
        Duration jitWarmup,
        double jitWarmupRate,
        Duration duration,
        int connections,
        List<Target> targets,
        Path ackflowJar,
        List<String> ackflowArgs,
        List<String> jvmArgs,
        String heap,
        Path out,
        Path runRoot,
        int rounds) {

    static final List<Double> DEFAULT_RATES = List.of(1000.0, 5000.0);
    static final List<Double> SHORT_RATES = List.of(500.0);

    BenchOptions {
        if (rates.isEmpty() || rates.stream().anyMatch(r -> !(r > 0) || r > 100_000)) {
            throw new IllegalArgumentException("--rates must be numbers in (0, 100000], got " + rates);
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("--warmup must not be negative, got " + warmup);
        }
        if (jitWarmup.isNegative()) {
            throw new IllegalArgumentException("--jit-warmup must not be negative, got " + jitWarmup);
        }
        if (!(jitWarmupRate > 0) || jitWarmupRate > 100_000) {
            throw new IllegalArgumentException("--jit-warmup-rate must be in (0, 100000], got " + jitWarmupRate);
        }
        if (duration.toMillis() < 500) {
            throw new IllegalArgumentException("--duration must be at least 500ms, got " + duration);
        }
        if (connections < 1 || connections > 4096) {
            throw new IllegalArgumentException("--connections must be between 1 and 4096, got " + connections);
        }
        if (rounds < 1 || rounds > 20) {
            throw new IllegalArgumentException("--rounds must be between 1 and 20, got " + rounds);
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("--targets must name at least one of " + Target.ids());
        }
        if (!heap.matches("\\d+[mMgG]")) {
            throw new IllegalArgumentException("--heap must look like 512m or 1g, got " + heap);
        }
        rates = List.copyOf(rates);
        targets = List.copyOf(targets);
        ackflowArgs = List.copyOf(ackflowArgs);
        jvmArgs = List.copyOf(jvmArgs);
    }

    static BenchOptions parse(String[] args) {
        List<Double> rates = null;
        Duration warmup = null;
        Duration jitWarmup = null;
        double jitWarmupRate = 2000;
        Duration duration = null;
        int connections = 64;
        int rounds = 1;
        List<Target> targets = Arrays.asList(Target.values());
        Path ackflowJar = Path.of("infra", "app", "target", "ackflow.jar");
        List<String> ackflowArgs = new ArrayList<>();
        List<String> jvmArgs = new ArrayList<>();
        String heap = "512m";
        Path out = null;
        Path runRoot = Path.of("infra", "bench", "target", "ingress-runs");
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String inline = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) { // --name=value
                inline = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            String[] source = inline == null ? args : new String[] {inline};
            int at = inline == null ? i + 1 : 0;
            if (inline == null && !a.equals("--short")) {
                i++;
            }
            try {
                switch (a) {
                    case "--short" -> quick = true;
                    case "--rates" -> rates = Arrays.stream(value(source, at, a).split(","))
                            .map(String::trim).map(Double::parseDouble).toList();
                    case "--warmup" -> warmup = duration(value(source, at, a), a);
                    case "--duration" -> duration = duration(value(source, at, a), a);
                    case "--jit-warmup" -> jitWarmup = duration(value(source, at, a), a);
                    case "--jit-warmup-rate" -> jitWarmupRate = Double.parseDouble(value(source, at, a));
                    case "--connections" -> connections = Integer.parseInt(value(source, at, a));
                    case "--rounds" -> rounds = Integer.parseInt(value(source, at, a));
                    case "--targets" -> targets = targets(value(source, at, a));
                    case "--ackflow-jar" -> ackflowJar = Path.of(value(source, at, a));
                    case "--ackflow-arg" -> ackflowArgs.add(value(source, at, a));
                    case "--jvm-arg" -> jvmArgs.add(value(source, at, a));
                    case "--heap" -> heap = value(source, at, a);
                    case "--out" -> out = Path.of(value(source, at, a));
                    case "--run-dir" -> runRoot = Path.of(value(source, at, a));
                    default -> throw new IllegalArgumentException("unknown option '" + a + "'");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(a + " needs a number (or comma-separated numbers), got '"
                        + (at < source.length ? source[at] : "") + "'");
            }
        }
        return new BenchOptions(
                rates != null ? rates : quick ? SHORT_RATES : DEFAULT_RATES,
                warmup != null ? warmup : quick ? Duration.ofSeconds(2) : Duration.ofSeconds(10),
                jitWarmup != null ? jitWarmup : quick ? Duration.ofSeconds(3) : Duration.ofSeconds(60),
                jitWarmupRate,
                duration != null ? duration : quick ? Duration.ofSeconds(3) : Duration.ofSeconds(30),
                connections, targets, ackflowJar, ackflowArgs, jvmArgs, heap, out, runRoot, rounds);
    }

    private static List<Target> targets(String value) {
        if (value.equals("all")) {
            return Arrays.asList(Target.values());
        }
        if (value.equals("baselines")) {
            return Target.baselines();
        }
        return Arrays.stream(value.split(",")).map(String::trim).map(Target::byId).toList();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** {@code 30s}, {@code 500ms}, {@code 2m}, or ISO-8601 ({@code PT30S}). */
    static Duration duration(String value, String option) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            }
            if (v.endsWith("m")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60));
            }
            return Duration.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + " must look like 30s, 500ms or 2m, got '" + value + "'");
        }
    }
}
