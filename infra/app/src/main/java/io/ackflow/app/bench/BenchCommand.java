package io.ackflow.app.bench;

import io.ackflow.app.cli.CliArgs;
import io.ackflow.app.process.AckflowJar;
import io.ackflow.app.process.ChildJvm;
import io.ackflow.app.process.ChildProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./ackflow bench <auction|quiz|trading|bulk-save|all> [--short] [--url U --admin-token T --api-key K] [--out DIR]
 * [--rate BIDS_PER_SECOND]}.
 * Without {@code --url} it starts {@code ackflow.jar dev} as a child JVM on a temporary data folder and a free port,
 * and stops it afterwards. Exit status 0 when every scenario's correctness check passed, 1 otherwise, 2 on bad usage.
 */
public final class BenchCommand {
    public static final List<String> SCENARIOS = List.of("auction", "quiz", "trading", "bulk-save", "health");
    private static final String ADMIN = "bench-admin-token-0123456789";
    private static final String KEY = "bench-client-key-0123456789";

    private BenchCommand() {}

    /** Options, parsed. */
    public record Options(List<String> scenarios, boolean shortRun, URI url, String adminToken, String apiKey, Path out,
            Double bidsPerSecond, boolean inProcess) {}

    public static int run(String[] args, Map<String, String> env, PrintStream out) throws InterruptedException {
        Options o = parse(args, env);
        if (o.url() != null) {
            return run(o, new Target(o.url(), o.adminToken(), o.apiKey()), Map.of("stack", o.url().toString()), null,
                    out);
        }
        if (o.inProcess()) {
            return runInProcess(o, out);
        }
        Path data;
        try {
            data = Files.createTempDirectory("ackflow-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = freePort();
        ChildProcess stack = ChildJvm.of(AckflowJar.locate())
                .name("ackflow-dev")
                .jvmOptions("-Xms768m", "-Xmx768m", "-XX:+AlwaysPreTouch")
                .env("ACKFLOW_DATA_DIR", data.toString())
                .env("SERVER_PORT", Integer.toString(port))
                .env("ACKFLOW_ADMIN_TOKEN", ADMIN)
                .env("ACKFLOW_API_KEYS", KEY)
                .args("dev")
                .log(o.out().resolve("stack.log").toAbsolutePath())
                .start();
        try {
            Target target = new Target(URI.create("http://127.0.0.1:" + port), ADMIN, KEY);
            out.println("bench: starting the dev stack (child JVM pid " + stack.pid() + ", port " + port + ", data "
                    + data + ")");
            awaitReady(target, stack, Duration.ofMinutes(4));
            return run(o, target, Map.of("stack", "ackflow.jar dev (child JVM -Xmx768m, embedded Kafka + PostgreSQL)"),
                    null, out);
        } finally {
            stack.stop(Duration.ofSeconds(30));
            deleteQuietly(data);
        }
    }

    /** The dev stack in this JVM, so the health scenario can stop and start Kafka and PostgreSQL. */
    private static int runInProcess(Options o, PrintStream out) throws InterruptedException {
        Path data;
        try {
            data = Files.createTempDirectory("ackflow-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = freePort();
        io.ackflow.app.dev.DevMode dev = io.ackflow.app.dev.DevMode.prepare(new String[0]);
        org.springframework.boot.SpringApplication app =
                new org.springframework.boot.SpringApplication(io.ackflow.app.AckflowApplication.class);
        app.setDefaultProperties(dev.properties());
        app.setRegisterShutdownHook(false);
        out.println("bench: starting the dev stack in this JVM (port " + port + ", data " + data + ")");
        org.springframework.context.ConfigurableApplicationContext context = null;
        try {
            context = app.run("--server.port=" + port, "--ackflow.embedded.data-dir=" + data,
                    "--ackflow.security.admin-token=" + ADMIN, "--ackflow.security.api-keys=" + KEY);
            io.ackflow.embedded.EmbeddedStack stack = io.ackflow.embedded.EmbeddedStack.current();
            StackControl control = new StackControl() {
                @Override
                public void stopKafka() {
                    stack.stopKafka();
                }

                @Override
                public void startKafka() {
                    stack.startKafka();
                }

                @Override
                public void stopPostgres() {
                    stack.stopPostgres();
                }

                @Override
                public void startPostgres() {
                    stack.startPostgres();
                }
            };
            return run(o, new Target(URI.create("http://127.0.0.1:" + port), ADMIN, KEY),
                    Map.of("stack", "ackflow dev in the runner's JVM (embedded Kafka + PostgreSQL)"), control, out);
        } finally {
            if (context != null) {
                context.close();
            }
            try {
                io.ackflow.embedded.EmbeddedStack.current().stop();
            } catch (IllegalStateException notStarted) {
                // the failure came before the stack started
            }
            deleteQuietly(data);
        }
    }

    /**
     * Runs the chosen scenarios against a ready stack; prints the table and writes the report. {@code control} is null
     * when the runner does not own the stack: the health scenario is then skipped (or refused when asked for alone).
     */
    public static int run(Options o, Target target, Map<String, String> stackInfo, StackControl control,
            PrintStream out) throws InterruptedException {
        List<ScenarioResult> results = new ArrayList<>();
        try (Http http = new Http(target)) {
            for (String name : o.scenarios()) {
                if (name.equals("health") && control == null) {
                    out.println("bench: health skipped: it stops Kafka and PostgreSQL, so it needs --in-process");
                    continue;
                }
                Scenario s = switch (name) {
                    case "auction" -> AuctionScenario.of(o.shortRun(), o.bidsPerSecond());
                    case "quiz" -> QuizScenario.of(o.shortRun());
                    case "trading" -> TradingScenario.of(o.shortRun());
                    case "bulk-save" -> BulkSaveScenario.of(o.shortRun());
                    case "health" -> new HealthScenario(control);
                    default -> throw new CliArgs.UsageException("unknown scenario '" + name + "'; known: "
                            + String.join(", ", SCENARIOS) + ", all");
                };
                out.println("bench: " + name + (o.shortRun() ? " (short)" : "") + "...");
                long t0 = System.nanoTime();
                ScenarioResult r;
                try {
                    r = s.run(http, o.shortRun());
                } catch (RuntimeException e) {
                    r = new ScenarioResult(name, "aborted");
                    r.problem("aborted: " + e);
                }
                r.details.put("wall_seconds", (System.nanoTime() - t0) / 1e9);
                results.add(r);
            }
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("time", Instant.now().toString());
        meta.put("mode", o.shortRun() ? "short" : "full");
        meta.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name")
                + ", Java " + Runtime.version());
        meta.putAll(stackInfo);
        Report.write(o.out(), meta, results);
        out.println();
        Report.printTable(results, out);
        out.println();
        out.println("bench: report " + o.out().resolve("report.html").toAbsolutePath() + " and report.json");
        boolean ok = results.stream().allMatch(ScenarioResult::correct);
        out.println(ok ? "bench: all scenarios correct" : "bench: CORRECTNESS FAILED");
        return ok ? 0 : 1;
    }

    public static Options parse(String[] args, Map<String, String> env) {
        List<String> scenarios = null;
        boolean shortRun = false;
        URI url = null;
        String admin = env.get("ACKFLOW_ADMIN_TOKEN");
        String keys = env.get("ACKFLOW_API_KEYS");
        String key = keys == null ? null : keys.split(",")[0].trim();
        Path out = null;
        Double rate = null;
        boolean inProcess = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--short" -> shortRun = true;
                case "--in-process" -> inProcess = true;
                case "--url" -> url = URI.create(value(args, ++i, a));
                case "--admin-token" -> admin = value(args, ++i, a);
                case "--api-key" -> key = value(args, ++i, a);
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--rate" -> {
                    try {
                        rate = Double.parseDouble(value(args, ++i, a));
                    } catch (NumberFormatException e) {
                        throw new CliArgs.UsageException("--rate must be a number of bids per second");
                    }
                    if (rate < 1 || rate > 20_000) {
                        throw new CliArgs.UsageException("--rate must be 1-20000 bids per second");
                    }
                }
                default -> {
                    if (a.startsWith("--") || scenarios != null) {
                        throw new CliArgs.UsageException("unexpected argument '" + a + "'; usage: bench <"
                                + String.join("|", SCENARIOS) + "|all> [--short] [--url U --admin-token T --api-key K]"
                                + " [--out DIR] [--rate BIDS_PER_SECOND] [--in-process]");
                    }
                    scenarios = a.equals("all") ? SCENARIOS : List.of(a.split(","));
                    for (String s : scenarios) {
                        if (!SCENARIOS.contains(s)) {
                            throw new CliArgs.UsageException("unknown scenario '" + s + "'; known: "
                                    + String.join(", ", SCENARIOS) + ", all");
                        }
                    }
                }
            }
        }
        if (scenarios == null) {
            throw new CliArgs.UsageException("bench needs a scenario: " + String.join(", ", SCENARIOS) + " or all");
        }
        if (url != null) {
            String host = url.getHost();
            if (host == null || !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
                throw new CliArgs.UsageException("--url must be a loopback address (127.0.0.1 or localhost)");
            }
            if (admin == null || key == null) {
                throw new CliArgs.UsageException("--url needs --admin-token and --api-key (or ACKFLOW_ADMIN_TOKEN and"
                        + " ACKFLOW_API_KEYS)");
            }
        }
        if (out == null) {
            out = Path.of(".ackflow", "bench", DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
                    .withZone(ZoneOffset.UTC).format(Instant.now()));
        }
        if (inProcess && url != null) {
            throw new CliArgs.UsageException("--in-process starts its own stack; it cannot be combined with --url");
        }
        if (scenarios.equals(List.of("health")) && !inProcess) {
            throw new CliArgs.UsageException("health stops Kafka and PostgreSQL, so it needs --in-process");
        }
        return new Options(scenarios, shortRun, url, admin, key, out, rate, inProcess);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new CliArgs.UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static void awaitReady(Target target, ChildProcess stack, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Http http = new Http(target)) {
            while (System.nanoTime() < deadline) {
                if (!stack.isAlive()) {
                    throw new IllegalStateException("the dev stack exited; see " + stack.logFile());
                }
                try {
                    HttpResponse<String> r = http.send(http.request("/health/ready").GET().build());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (UncheckedIOException notYet) {
                    // not listening yet
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("the dev stack was not ready within " + timeout + "; see " + stack.logFile());
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
