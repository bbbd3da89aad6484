package io.ackflow.app;

import io.ackflow.app.bench.BenchCommand;
import io.ackflow.app.chaos.ChaosCommand;
import io.ackflow.app.cli.CliArgs;
import io.ackflow.app.cli.CliLogging;
import io.ackflow.app.cli.DltCommand;
import io.ackflow.app.cli.LagCommand;
import io.ackflow.app.cli.ReplayCommand;
import io.ackflow.app.dev.DevMode;
import io.ackflow.app.kafka.KafkaCommand;
import io.ackflow.embedded.EmbeddedStack;
import io.ackflow.schema.ops.AckflowGroups;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Entry point of {@code ./ackflow}: {@code dev}, a role ({@code ingress}, {@code workers}, {@code persister}), or
 * {@code run} (roles from {@code ACKFLOW_ROLES}); the broker ({@code kafka}); the operator commands {@code lag},
 * {@code replay} and {@code dlt}, which talk to Kafka directly and start no web server.
 */
public final class AckflowMain {
    private AckflowMain() {}

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0].toLowerCase(Locale.ROOT);
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "dev" -> runDev(rest);
            case "ingress", "persister" -> runRoles(command, rest);
            case "workers" -> runRoles(command, workerArgs(rest));
            case "run" -> runRoles(null, rest);
            case "kafka" -> runTool(() -> {
                KafkaCommand.run(rest, System.getenv(), System.out);
                return 0;
            }, false);
            case "lag" -> runTool(() -> LagCommand.run(rest, System.getenv(), System.out), true);
            case "replay" -> runTool(() -> ReplayCommand.run(rest, System.getenv(), System.out), true);
            case "dlt" -> runTool(() -> DltCommand.run(rest, System.getenv(), System.out), true);
            case "bench" -> runTool(() -> BenchCommand.run(rest, System.getenv(), System.out), true);
            case "chaos" -> runTool(() -> ChaosCommand.run(rest, System.out), true);
            case "help", "-h", "--help" -> printUsage(0);
            default -> {
                System.err.println("ackflow: unknown command '" + command + "'");
                printUsage(2);
            }
        }
    }

    private static void runDev(String[] args) {
        DevMode dev = DevMode.prepare(args);
        SpringApplication app = new SpringApplication(AckflowApplication.class);
        app.setDefaultProperties(dev.properties());
        // One ordered shutdown: the application (listeners, Tomcat, pool, producers) first, then Kafka, then PostgreSQL.
        app.setRegisterShutdownHook(false);
        ConfigurableApplicationContext context;
        try {
            context = app.run(dev.springArgs());
        } catch (RuntimeException e) {
            // Spring has already reported the cause; the broker's threads would keep the JVM alive otherwise.
            stopEmbeddedStackQuietly();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            EmbeddedStack.current().stop();
        }, "ackflow-shutdown"));
    }

    private static void stopEmbeddedStackQuietly() {
        try {
            EmbeddedStack.current().stop();
        } catch (IllegalStateException notStarted) {
            // the failure came before the stack started
        }
    }

    private static void runRoles(String role, String[] args) {
        SpringApplication app = new SpringApplication(AckflowApplication.class);
        String[] springArgs = args;
        if (role != null) {
            springArgs = java.util.stream.Stream.concat(java.util.stream.Stream.of("--ackflow.roles=" + role),
                            Arrays.stream(args))
                    .toArray(String[]::new);
        }
        app.run(springArgs);
    }

    /** A command without Spring: usage errors exit 2, failures 1, both with one line and no stack trace. */
    private static void runTool(Tool tool, boolean exitWhenDone) {
        CliLogging.quiet();
        int status;
        try {
            status = tool.run();
        } catch (CliArgs.UsageException e) {
            System.err.println("ackflow: " + e.getMessage());
            status = 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 130;
        } catch (RuntimeException e) {
            System.err.println("ackflow: " + e.getMessage());
            status = 1;
        }
        if (exitWhenDone || status != 0) {
            System.exit(status);
        }
    }

    @FunctionalInterface
    private interface Tool {
        int run() throws InterruptedException;
    }

    /**
     * {@code workers --groups bids,orders} becomes {@code --ackflow.workers.groups=bids,orders}, checked here so an
     * unknown name fails before Spring starts.
     */
    static String[] workerArgs(String[] args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String groups = null;
            if (a.equals("--groups")) {
                if (i + 1 >= args.length) {
                    fail("--groups needs a value, e.g. --groups bids,orders; known: "
                            + String.join(", ", AckflowGroups.workerGroups().keySet()));
                }
                groups = args[++i];
            } else if (a.startsWith("--groups=")) {
                groups = a.substring("--groups=".length());
            }
            if (groups == null) {
                out.add(a);
                continue;
            }
            try {
                AckflowGroups.selectWorkers(groups);
            } catch (IllegalArgumentException e) {
                fail(e.getMessage());
            }
            out.add("--" + AckflowGroups.WORKER_GROUPS_PROPERTY + "=" + groups);
        }
        return out.toArray(String[]::new);
    }

    private static void fail(String message) {
        System.err.println("ackflow: " + message);
        System.exit(2);
    }

    private static void printUsage(int status) {
        System.out.println("""
                usage: ackflow <command> [options]

                  dev [--fresh]        all roles in one process on an embedded Kafka and PostgreSQL
                  ingress|persister    one role against KAFKA_BOOTSTRAP_SERVERS and DATABASE_URL
                  workers [--groups bids,orders,...]
                                       the worker groups (all, or those named)
                  run                  the roles in ACKFLOW_ROLES (comma-separated)
                  kafka [--port 9092] [--data-dir DIR] [--cluster 3]
                                       a standalone KRaft broker, or a 3-process cluster on this machine
                  lag [--group G] [--watch]
                                       lag per group/topic/partition: records, seconds, rate, time to drain
                  replay --group G --topic T --from <offset|ISO time|15m> [--to ...] [--partitions 0,1] [--dry-run]
                                       rewind a group, online (running consumers seek) or offline
                  dlt list | show --topic T-dlt [--limit N] | redrive --topic T-dlt [filters] [--dry-run]
                                       dead letters: counts by error, records, redrive to the original topic
                  bench <auction|quiz|trading|bulk-save|health|all> [--short] [--url U --admin-token T --api-key K]
                       [--out DIR] [--rate N] [--in-process]
                                       end-to-end scenarios with a report; starts a dev stack without --url
                                       (a child JVM, or this JVM with --in-process, needed by health)
                  chaos [--scenario NAME|all] [--rate 100] [--duration 20s] [--seed N] [--short] [--report-dir DIR]
                                       fault-injection run under load on a local multi-process topology (docs/reliability.md)

                Operator commands take --bootstrap (default KAFKA_BOOTSTRAP_SERVERS, else 127.0.0.1:9092).
                See docs/operations.md and docs/configuration.md.""");
        System.exit(status);
    }
}
