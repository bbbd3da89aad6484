package io.ackflow.bench.ingress;

import io.ackflow.bench.load.CpuSteal;
import io.ackflow.bench.load.LoadGenerator;
import io.ackflow.bench.load.LoadResult;
import io.ackflow.bench.load.Measurement;
import io.ackflow.bench.target.BrokerMain;
import io.ackflow.bench.target.ChildJvm;
import io.ackflow.bench.target.ProducerPerformanceOutput;
import io.ackflow.embedded.FreePorts;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ingress}: starts one broker, then measures each target in turn at each rate against it, and prints and
 * writes a Markdown table. Every target runs in its own JVM with a fixed, pre-touched heap and is stopped before the
 * next starts. A step that fails becomes a FAILED row; the run goes on.
 */
public final class IngressBenchmark {
    private static final Logger log = LoggerFactory.getLogger(IngressBenchmark.class);

    public static final String USAGE = """
            usage: java -jar infra/bench/target/ackflow-bench.jar ingress [options]   (from the repository root)

              --rates 1000,5000      arrival rates per second (default 1000,5000; --short: 500)
              --duration 30s         measured window per step (default 30s; --short: 3s)
              --warmup 10s           unmeasured lead-in per step (default 10s; --short: 2s)
              --short                a smoke run: low rate, short steps
              --targets LIST         comma-separated, 'all' (default) or 'baselines'; known:
                                     %s
              --connections 64       keep-alive connections of the HTTP generator
              --rounds 1             measure every target at every rate this many times, round after round,
                                     and add medians and each round's ratio to the raw producer (raw-linger1)
              --heap 512m            heap of every target JVM (-Xms = -Xmx, pre-touched)
              --ackflow-jar PATH     default infra/app/target/ackflow.jar
              --jit-warmup D         unmeasured load each HTTP target serves before its first step (60s; --short 3s)
              --jit-warmup-rate R    its arrival rate (2000)
              --ackflow-arg ARG      extra argument for the ackflow JVM, repeatable (e.g. --ackflow-arg=--x.y=z)
              --jvm-arg OPT          extra JVM option for every target JVM, repeatable; {target} becomes the
                                     target id (e.g. --jvm-arg=-XX:StartFlightRecording=filename=/tmp/{target}.jfr)
              --out FILE             results file (default <run dir>/results.md)
              --run-dir DIR          parent of the run folder (default infra/bench/target/ingress-runs)

            other commands: loadgen-check [--rates ..] [--duration ..] (the generator alone against a stub);
            broker, naive, raw-producer, producer-perf, stub (the child JVMs the benchmark starts).
            See docs/benchmarks-ingress.md.
            """.formatted(Target.ids());

    static final String TOPIC = "bench.ingress";
    static final int TOPIC_PARTITIONS = 6;
    static final int RECORD_BYTES = 250;
    private static final Duration DRAIN = Duration.ofSeconds(10);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final BenchOptions options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private Path runDir;
    private ChildJvm broker;
    private String bootstrap;

    private IngressBenchmark(BenchOptions options) {
        this.options = options;
    }

    /** Returns the process exit status: 0 when every step ran, 1 when one failed, 2 for bad options. */
    public static int main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ackflow-bench: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        return new IngressBenchmark(options).run(String.join(" ", args));
    }

    private int run(String args) throws Exception {
        String started = LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 19);
        runDir = options.runRoot().resolve("run-" + started.replace(':', '-')).toAbsolutePath();
        Files.createDirectories(runDir);
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf(Locale.ROOT, "ackflow ingress benchmark: %d steps, about %d s; logs in %s%n",
                steps(), estimatedSeconds(), runDir);
        List<RoundsSummary.Step> steps = new ArrayList<>();
        try {
            startBroker();
            for (int round = 1; round <= options.rounds(); round++) {
                if (options.rounds() > 1) {
                    System.out.printf(Locale.ROOT, "round %d of %d%n", round, options.rounds());
                }
                for (Target target : options.targets()) {
                    for (Measurement m : measure(target)) {
                        steps.add(new RoundsSummary.Step(round, target, m));
                    }
                }
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
        double loadAtEnd = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<Measurement> rows = steps.stream()
                .map(s -> options.rounds() > 1 ? s.m().withNotes("round " + s.round()) : s.m())
                .toList();
        String summary = options.rounds() > 1 ? RoundsSummary.table(steps) : "";
        String report = ResultsReport.document("java -jar infra/bench/target/ackflow-bench.jar ingress " + args,
                started, loadAtStart, loadAtEnd, options, rows, runDir.toString())
                + (summary.isEmpty() ? "" : "\n## Over " + options.rounds() + " rounds\n\n" + summary);
        Path out = options.out() != null ? options.out() : runDir.resolve("results.md");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(ResultsReport.table(rows));
        if (!summary.isEmpty()) {
            System.out.println(summary);
        }
        System.out.println("Results written to " + out.toAbsolutePath());
        return rows.stream().anyMatch(r -> r.errors() < 0) ? 1 : 0;
    }

    private int steps() {
        return options.rounds() * options.targets().size() * options.rates().size();
    }

    private long estimatedSeconds() {
        long perStep = options.warmup().plus(options.duration()).toSeconds() + 1;
        long httpTargets = options.targets().stream().filter(Target::isHttp).count();
        long producerSteps = (options.targets().size() - httpTargets) * options.rates().size();
        // JVM start-up: ~6 s per producer step, ~25 s per HTTP target (start, set-up, probe, stop)
        return 15 + steps() * perStep + options.rounds() * (producerSteps * 6
                + httpTargets * (25 + options.jitWarmup().toSeconds() + 1));
    }

    private void startBroker() throws InterruptedException, ExecutionException, TimeoutException {
        int port = FreePorts.pick(0);
        broker = ChildJvm.start("broker", List.of("-Xms768m", "-Xmx768m", "-XX:+AlwaysPreTouch"),
                ChildJvm.benchCommand("broker", List.of(runDir.resolve("broker-data").toString(),
                        Integer.toString(port))),
                Map.of(), runDir.resolve("broker.log"));
        bootstrap = broker.awaitLine(BrokerMain.READY_PREFIX, START_TIMEOUT);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, TOPIC_PARTITIONS, (short) 1)
                    .configs(Map.of("min.insync.replicas", "1")))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        System.out.println("broker ready at " + bootstrap);
    }

    private List<Measurement> measure(Target target) {
        try {
            return switch (target.kind) {
                case PRODUCER_PERF -> perRate(target, this::producerPerformance);
                case RAW_PRODUCER -> perRate(target, this::rawProducer);
                case NAIVE, ACKFLOW_BIDS, ACKFLOW_WEBHOOKS -> http(target);
            };
        } catch (Exception e) {
            log.error("{} failed", target.id, e);
            return options.rates().stream().map(r -> print(Measurement.failed(target.label, r, oneLine(e)))).toList();
        }
    }

    private interface Step {
        Measurement run(Target target, double rate) throws Exception;
    }

    private List<Measurement> perRate(Target target, Step step) {
        List<Measurement> rows = new ArrayList<>();
        for (double rate : options.rates()) {
            announce(target, rate);
            try {
                Optional<CpuSteal> steal0 = CpuSteal.now();
                rows.add(print(withSteal(step.run(target, rate), steal0)));
            } catch (Exception e) {
                log.error("{} at {}/s failed", target.id, rate, e);
                rows.add(print(Measurement.failed(target.label, rate, oneLine(e))));
            }
        }
        return rows;
    }

    private Measurement producerPerformance(Target target, double rate) throws Exception {
        long warmup = Math.round(rate * options.warmup().toMillis() / 1000.0);
        long total = warmup + Math.round(rate * options.duration().toMillis() / 1000.0);
        List<String> args = new ArrayList<>(List.of("--topic", TOPIC, "--num-records", Long.toString(total),
                "--record-size", Integer.toString(RECORD_BYTES), "--throughput", Long.toString(Math.round(rate)),
                "--reporting-interval", "3600000",
                "--command-property", "bootstrap.servers=" + bootstrap, "acks=all", "enable.idempotence=true",
                "linger.ms=" + target.lingerMs));
        if (warmup > 0) {
            args.addAll(List.of("--warmup-records", Long.toString(warmup)));
        }
        try (ChildJvm pp = ChildJvm.start(target.id, targetJvmOptions(target),
                ChildJvm.benchCommand("producer-perf", args), Map.of(), logFile(target, rate))) {
            int status = pp.awaitExit(stepTimeout());
            Optional<Measurement> m = ProducerPerformanceOutput.parse(target.label, rate, pp.lines());
            if (status != 0 || m.isEmpty()) {
                throw new IllegalStateException("ProducerPerformance exited " + status + " without a summary; see "
                        + pp.logFile());
            }
            return m.get();
        }
    }

    private Measurement rawProducer(Target target, double rate) throws Exception {
        List<String> args = List.of(bootstrap, TOPIC, Double.toString(rate), options.warmup().toString(),
                options.duration().toString(), Integer.toString(target.lingerMs), Integer.toString(RECORD_BYTES));
        try (ChildJvm raw = ChildJvm.start(target.id, targetJvmOptions(target),
                ChildJvm.benchCommand("raw-producer", args), Map.of(), logFile(target, rate))) {
            int status = raw.awaitExit(stepTimeout());
            String line = raw.lines().stream().filter(l -> l.startsWith(Measurement.LINE_PREFIX)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("raw producer exited " + status
                            + " without a result; see " + raw.logFile()));
            return Measurement.parseLine(line);
        }
    }

    /** Starts the HTTP target once, prepares and probes it, then runs every rate against it. */
    private List<Measurement> http(Target target) throws Exception {
        int port = FreePorts.pick(0);
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        RequestKind kind = target.kind == Target.Kind.ACKFLOW_WEBHOOKS
                ? RequestKind.webhooks(AckflowSetup.WEBHOOK_SECRET, Long.toString(System.currentTimeMillis(), 36),
                        Clock.systemUTC())
                : RequestKind.bids(AckflowSetup.API_KEY);
        System.out.printf(Locale.ROOT, "starting %s on port %d%n", target.id, port);
        try (ChildJvm server = startHttpTarget(target, port)) {
            awaitReady(server, base);
            if (target.isAckflow()) {
                new AckflowSetup(http, base).apply();
            }
            probe(server, base, kind);
            warmUpJit(target, kind, port);
            List<Measurement> rows = new ArrayList<>();
            for (double rate : options.rates()) {
                announce(target, rate);
                Optional<CpuSteal> steal0 = CpuSteal.now();
                rows.add(print(withSteal(runLoad(target, server, kind, port, rate), steal0)));
            }
            return rows;
        }
    }

    /**
     * Unmeasured load before the first step: without it the first steps measure the JIT compiler, which competes for
     * the same 2 cores, rather than the request path.
     */
    private void warmUpJit(Target target, RequestKind kind, int port) throws IOException, InterruptedException {
        if (options.jitWarmup().isZero()) {
            return;
        }
        System.out.printf(Locale.ROOT, "warming up %s: %s at %.0f/s, not measured%n", target.id,
                options.jitWarmup(), options.jitWarmupRate());
        String hostPort = "127.0.0.1:" + port;
        LoadResult warm = new LoadGenerator(new LoadGenerator.Settings(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), options.connections(),
                options.jitWarmupRate(), options.jitWarmup(), Duration.ofSeconds(1), DRAIN))
                .run(seq -> kind.request(-1_000_000_000L - seq).toBytes(hostPort));
        log.info("JIT warm-up of {} done: {} errors", target.id, warm.errors());
    }

    private Measurement runLoad(Target target, ChildJvm server, RequestKind kind, int port, double rate)
            throws IOException, InterruptedException {
        String hostPort = "127.0.0.1:" + port;
        LoadGenerator generator = new LoadGenerator(new LoadGenerator.Settings(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), options.connections(), rate,
                options.warmup(), options.duration(), DRAIN));
        Optional<Duration> serverCpu0 = server.cpu();
        Optional<Duration> brokerCpu0 = broker.cpu();
        LoadResult result = generator.run(seq -> kind.request(seq).toBytes(hostPort));
        long requests = Math.round(rate * options.warmup().plus(options.duration()).toMillis() / 1000.0);
        String notes = String.format(Locale.ROOT, "server CPU %s ms/req, broker CPU %s ms/req, generator %.0f%% of a core",
                cpuPerRequest(serverCpu0, server.cpu(), requests), cpuPerRequest(brokerCpu0, broker.cpu(), requests),
                100 * result.generatorCpuShare());
        if (result.connectionWaits() > 0) {
            notes += ", " + result.connectionWaits() + " waited for a connection";
        }
        if (result.reconnects() > 0) {
            notes += ", " + result.reconnects() + " reconnects";
        }
        if (result.errors().containsKey("HTTP 429")) {
            notes += ", 429s: raise the client-key/source rate limit with --ackflow-arg";
        }
        return result.toMeasurement(target.label, notes);
    }

    /** Adds the hypervisor's share of the machine over the step (child JVM start-up included) to its notes. */
    private static Measurement withSteal(Measurement m, Optional<CpuSteal> before) {
        String note = CpuSteal.note(before, CpuSteal.now());
        return note.isEmpty() ? m : m.withNotes(note);
    }

    private static String cpuPerRequest(Optional<Duration> before, Optional<Duration> after, long requests) {
        if (before.isEmpty() || after.isEmpty() || requests == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.3f", after.get().minus(before.get()).toNanos() / 1e6 / requests);
    }

    private ChildJvm startHttpTarget(Target target, int port) {
        List<String> common = List.of("--server.port=" + port, "--spring.kafka.bootstrap-servers=" + bootstrap,
                // Tomcat closes a keep-alive connection after 100 requests by default; both targets keep them open
                "--server.tomcat.max-keep-alive-requests=-1");
        Path log = runDir.resolve(target.id + ".log");
        if (target.kind == Target.Kind.NAIVE) {
            List<String> args = new ArrayList<>(common);
            args.add("--bench.topic=" + TOPIC);
            args.add("--bench.linger-ms=" + target.lingerMs);
            return ChildJvm.start(target.id, targetJvmOptions(target), ChildJvm.benchCommand("naive", args), Map.of(), log);
        }
        Path jar = options.ackflowJar().toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found; build it first: "
                    + "./mvnw -q -B -pl infra/app -am package -DskipTests");
        }
        List<String> launch = new ArrayList<>(List.of("-jar", jar.toString(), "ingress"));
        launch.addAll(common);
        launch.addAll(options.ackflowArgs());
        Map<String, String> env = Map.of(
                "ACKFLOW_ADMIN_TOKEN", AckflowSetup.ADMIN_TOKEN,
                "ACKFLOW_API_KEYS", AckflowSetup.API_KEY,
                "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "SERVER_PORT", Integer.toString(port));
        return ChildJvm.start(target.id, targetJvmOptions(target), launch, env, log);
    }

    private void awaitReady(ChildJvm server, URI base) throws InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(base.resolve("/health/ready")).timeout(Duration.ofSeconds(5))
                .GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException(server.name() + " exited during start-up; see " + server.logFile());
            }
            try {
                HttpResponse<String> r = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + abbreviate(r.body());
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IllegalStateException(server.name() + " not ready within " + START_TIMEOUT + " (last: " + last
                + "); see " + server.logFile());
    }

    /** Sends single requests until one is accepted, so reference data is loaded and the producer is connected. */
    private void probe(ChildJvm server, URI base, RequestKind kind) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "no answer";
        for (long seq = -1; System.nanoTime() < deadline; seq--) {
            try {
                HttpResponse<String> r = http.send(kind.request(seq).toHttpRequest(base),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 == 2) {
                    return;
                }
                last = r.statusCode() + " " + abbreviate(r.body());
            } catch (IOException e) {
                last = e.toString();
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new IllegalStateException("no request accepted within 60 s (last: " + last + "); see "
                + server.logFile());
    }

    private List<String> targetJvmOptions(Target target) {
        List<String> jvm = new ArrayList<>(List.of("-Xms" + options.heap(), "-Xmx" + options.heap(),
                "-XX:+AlwaysPreTouch"));
        options.jvmArgs().forEach(arg -> jvm.add(arg.replace("{target}", target.id)));
        return jvm;
    }

    private Duration stepTimeout() {
        return options.warmup().plus(options.duration()).plus(Duration.ofMinutes(2));
    }

    private Path logFile(Target target, double rate) {
        return runDir.resolve(String.format(Locale.ROOT, "%s-%.0f.log", target.id, rate));
    }

    private static void announce(Target target, double rate) {
        System.out.printf(Locale.ROOT, "measuring %s at %.0f/s ...%n", target.id, rate);
    }

    private static Measurement print(Measurement m) {
        System.out.println(ResultsReport.table(List.of(m)).lines().skip(2).findFirst().orElse(""));
        return m;
    }

    private static String oneLine(Exception e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        return abbreviate(msg.replace('\n', ' '));
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
