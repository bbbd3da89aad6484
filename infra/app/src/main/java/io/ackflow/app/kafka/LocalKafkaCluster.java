package io.ackflow.app.kafka;

import io.ackflow.app.process.Pause;
import io.ackflow.app.process.ChildJvm;
import io.ackflow.app.process.ChildProcess;
import io.ackflow.embedded.EmbeddedKafka;
import io.ackflow.embedded.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KRaft cluster of {@code n} combined broker+controller nodes on this machine, each its own JVM (so one can be
 * {@code kill -9}ed). Used by {@code ./ackflow kafka --cluster 3}, by tests and by fault-injection runs.
 *
 * <p>Node {@code i} (1-based) listens on {@code basePort + i - 1} for clients and {@code controllerBasePort + i - 1}
 * for the quorum, and keeps its data in {@code dataDir/node-i}; its output goes to {@code dataDir/node-i.log}. The
 * cluster id is kept in {@code dataDir/cluster-id}, so the same folder restarts the same cluster.
 */
public final class LocalKafkaCluster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalKafkaCluster.class);

    private final Path jar;
    private final Path dataDir;
    private final int[] brokerPorts;
    private final int[] controllerPorts;
    private final String clusterId;
    private final List<ChildProcess> nodes = new ArrayList<>();

    private LocalKafkaCluster(Path jar, Path dataDir, int[] brokerPorts, int[] controllerPorts, String clusterId) {
        this.jar = jar;
        this.dataDir = dataDir;
        this.brokerPorts = brokerPorts;
        this.controllerPorts = controllerPorts;
        this.clusterId = clusterId;
    }

    /**
     * Starts every node and waits until all have registered.
     *
     * @param basePort first client port, or 0 for free ports
     * @param controllerBasePort first controller port, or 0 for free ports
     */
    public static LocalKafkaCluster start(Path jar, Path dataDir, int size, int basePort, int controllerBasePort,
            Duration readyTimeout) {
        LocalKafkaCluster cluster = launch(jar, dataDir, size, basePort, controllerBasePort);
        try {
            cluster.awaitBrokers(size, readyTimeout);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /**
     * Starts every node without waiting: {@link #bootstrapServers()} is known at once, so clients that retry (or
     * need the broker only some seconds later) can start alongside; {@link #awaitBrokers} waits.
     *
     * @param basePort first client port, or 0 for free ports
     * @param controllerBasePort first controller port, or 0 for free ports
     */
    public static LocalKafkaCluster launch(Path jar, Path dataDir, int size, int basePort, int controllerBasePort) {
        if (size < 1 || size > 9) {
            throw new IllegalArgumentException("cluster size must be between 1 and 9, got " + size);
        }
        int[] brokerPorts = ports(size, basePort);
        int[] controllerPorts = ports(size, controllerBasePort);
        LocalKafkaCluster cluster =
                new LocalKafkaCluster(jar, dataDir.toAbsolutePath(), brokerPorts, controllerPorts, clusterId(dataDir));
        try {
            for (int i = 1; i <= size; i++) {
                cluster.nodes.add(cluster.launch(i));
            }
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static int[] ports(int size, int base) {
        return IntStream.range(0, size).map(i -> base > 0 ? base + i : FreePorts.pick(0)).toArray();
    }

    private static String clusterId(Path dataDir) {
        Path file = dataDir.resolve("cluster-id");
        try {
            Files.createDirectories(dataDir);
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String id = EmbeddedKafka.newClusterId();
            Files.writeString(file, id, StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write the cluster id in " + dataDir, e);
        }
    }

    private ChildProcess launch(int nodeId) {
        return ChildJvm.of(jar)
                .name("kafka-" + nodeId)
                .jvmOptions("-Xms128m", "-Xmx384m", "-XX:+UseSerialGC")
                .args(nodeArgs(nodeId))
                .log(dataDir.resolve("node-" + nodeId + ".log"))
                .start();
    }

    List<String> nodeArgs(int nodeId) {
        return List.of("kafka",
                "--node-id", String.valueOf(nodeId),
                "--port", String.valueOf(brokerPorts[nodeId - 1]),
                "--controller-port", String.valueOf(controllerPorts[nodeId - 1]),
                "--voters", EmbeddedKafka.ClusterNode.voters(controllerPorts),
                "--cluster-id", clusterId,
                "--data-dir", dataDir.resolve("node-" + nodeId).toString());
    }

    /** Waits until {@code expected} brokers are registered and reachable. */
    public void awaitBrokers(int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastError = "";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers(),
                "request.timeout.ms", "3000", "default.api.timeout.ms", "5000"))) {
            while (System.nanoTime() < deadline) {
                for (ChildProcess node : nodes) {
                    if (!node.isAlive()) {
                        throw new IllegalStateException(node.name() + " exited; see " + node.logFile());
                    }
                }
                try {
                    int n = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000))
                            .nodes().get(4, TimeUnit.SECONDS).size();
                    if (n >= expected) {
                        return;
                    }
                    lastError = n + " of " + expected + " brokers registered";
                } catch (Exception e) {
                    lastError = e.toString();
                }
                Pause.of(Duration.ofMillis(250));
            }
        }
        throw new IllegalStateException("the Kafka cluster was not ready within " + timeout + ": " + lastError
                + "; logs in " + dataDir);
    }


    /** {@code host:port} of every node, comma-separated. */
    public String bootstrapServers() {
        return IntStream.of(brokerPorts).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    public int size() {
        return brokerPorts.length;
    }

    /** Node {@code nodeId} (1-based). */
    public ChildProcess node(int nodeId) {
        return nodes.get(nodeId - 1);
    }

    public void kill9(int nodeId) {
        node(nodeId).kill9();
    }

    /** Starts node {@code nodeId} again (after a kill or stop) on the same ports and data. */
    public ChildProcess restart(int nodeId) {
        ChildProcess old = nodes.get(nodeId - 1);
        if (old.isAlive()) {
            old.stop(Duration.ofSeconds(20));
        }
        ChildProcess fresh = launch(nodeId);
        nodes.set(nodeId - 1, fresh);
        return fresh;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Stops every node: SIGTERM to all at once, then SIGKILL to any still running after 15 s. (Stopped one by one, the
     * last nodes would wait for a quorum that is already gone.) Kafka recovers its logs at the next start either way.
     */
    @Override
    public void close() {
        for (ChildProcess node : nodes) {
            if (node.isAlive()) {
                node.terminate();
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        for (ChildProcess node : nodes) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!node.awaitExit(left)) {
                log.warn("{} did not stop within 15 s; killing it", node);
                node.kill9();
            }
        }
    }

    /** {@code kill -9} of every node: the fastest teardown, for tests and chaos runs. */
    public void killAll() {
        nodes.forEach(n -> {
            if (n.isAlive()) {
                n.kill9();
            }
        });
    }
}
