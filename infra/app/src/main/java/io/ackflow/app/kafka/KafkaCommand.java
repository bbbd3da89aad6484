package io.ackflow.app.kafka;

import io.ackflow.app.cli.CliArgs;
import io.ackflow.app.cli.CliLogging;
import io.ackflow.app.process.AckflowJar;
import io.ackflow.embedded.EmbeddedKafka;
import io.ackflow.embedded.FreePorts;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./ackflow kafka [--port 9092] [--data-dir DIR] [--cluster N]}.
 *
 * <ul>
 *   <li>Without {@code --cluster}: one combined broker+controller in this process, data in {@code --data-dir}
 *       (default {@code $ACKFLOW_DATA_DIR/kafka}, or {@code .ackflow/kafka}).
 *   <li>{@code --cluster 3}: three node processes on ports {@code port..port+2} (controllers on
 *       {@code port+100..port+102}), data in {@code DIR/node-1..3}; Ctrl-C stops them all.
 *   <li>{@code --node-id} ... (used by {@code --cluster} for each child): one node of a given quorum.
 * </ul>
 */
public final class KafkaCommand {
    private static final Set<String> OPTIONS = Set.of(
            "port", "data-dir", "cluster", "controller-port", "node-id", "voters", "cluster-id");

    private KafkaCommand() {}

    public static void run(String[] argv, Map<String, String> env, PrintStream out) throws InterruptedException {
        CliLogging.quiet();
        CliArgs args = CliArgs.parse(argv, Set.of()).allow(OPTIONS);
        Path dataDir = args.get("data-dir").map(Path::of).orElse(defaultDataDir(env)).toAbsolutePath();
        int port = args.intValue("port", 9092);
        if (args.get("node-id").isPresent()) {
            runNode(args, dataDir, port, out);
        } else if (args.get("cluster").isPresent()) {
            runCluster(args, dataDir, port, out);
        } else {
            int controllerPort = FreePorts.pick(args.intValue("controller-port", 0));
            EmbeddedKafka kafka = EmbeddedKafka.startNode(dataDir,
                    new EmbeddedKafka.ClusterNode(1, FreePorts.pick(port), controllerPort,
                            "1@127.0.0.1:" + controllerPort, null), Map.of());
            out.println("ackflow kafka: broker ready at " + kafka.bootstrapServers() + " (data in " + dataDir + ")");
            out.println("  export KAFKA_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers());
            blockUntilShutdown(kafka::close);
        }
    }

    static Path defaultDataDir(Map<String, String> env) {
        String base = env.get("ACKFLOW_DATA_DIR");
        return base == null ? Path.of(".ackflow", "kafka") : Path.of(base, "kafka");
    }

    private static void runNode(CliArgs args, Path dataDir, int port, PrintStream out) throws InterruptedException {
        var node = new EmbeddedKafka.ClusterNode(
                args.intValue("node-id", 1), port, args.intValue("controller-port", 0), args.require("voters"),
                args.get("cluster-id").orElse(null));
        EmbeddedKafka kafka = EmbeddedKafka.startNode(dataDir, node, Map.of());
        out.println("ackflow kafka: node " + node.nodeId() + " ready at " + kafka.bootstrapServers());
        blockUntilShutdown(kafka::close);
    }

    private static void runCluster(CliArgs args, Path dataDir, int port, PrintStream out) throws InterruptedException {
        int size = args.intValue("cluster", 3);
        int controllerBase = args.intValue("controller-port", port > 0 ? port + 100 : 0);
        out.println("ackflow kafka: starting " + size + " broker processes (data and logs in " + dataDir + ")...");
        LocalKafkaCluster cluster =
                LocalKafkaCluster.start(AckflowJar.locate(), dataDir, size, port, controllerBase, Duration.ofMinutes(2));
        out.println("ackflow kafka: " + size + "-node KRaft cluster ready");
        for (int i = 1; i <= size; i++) {
            out.println("  node " + i + ": pid " + cluster.node(i).pid() + ", log " + cluster.node(i).logFile());
        }
        out.println("  export KAFKA_BOOTSTRAP_SERVERS=" + cluster.bootstrapServers());
        if (size >= 3) {
            out.println("  run roles with: --ackflow.topics.replication-factor=3 --ackflow.topics.min-insync-replicas=2");
        }
        out.println("  Ctrl-C stops every node.");
        blockUntilShutdown(cluster::close);
    }

    private static void blockUntilShutdown(Runnable stop) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop.run();
            } finally {
                stopped.countDown();
            }
        }, "ackflow-kafka-stop"));
        stopped.await();
    }
}
