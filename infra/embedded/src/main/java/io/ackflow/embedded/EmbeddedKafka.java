package io.ackflow.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One combined KRaft broker and controller running inside this JVM, from Kafka's main artifacts.
 *
 * <p>The data folder is formatted on first use and reused afterwards, so records survive restarts. Kafka does not
 * fsync each record; with one broker an acknowledged record survives a process crash (it is in the page cache) but
 * not a power loss before the OS flushes it. See docs/reliability.md.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String CLUSTER_ID_FILE = "ackflow-cluster-id";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDir;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path dataDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
    }

    /**
     * Formats {@code dataDir} if needed and starts the broker.
     *
     * @param brokerPort the client port, or 0 for a free one
     * @param extra broker settings that override the defaults
     */
    public static EmbeddedKafka start(Path dataDir, int brokerPort, Map<String, String> extra) {
        int port = FreePorts.pick(brokerPort);
        int controllerPort = FreePorts.pick(0);
        return startNode(dataDir, new ClusterNode(1, port, controllerPort, "1@127.0.0.1:" + controllerPort, null), extra);
    }

    /**
     * One combined broker and controller node of a KRaft cluster of {@code node.voterCount()} voters. Every node of a
     * cluster must be given the same {@code clusterId} and {@code quorumVoters}. Internal topics (consumer offsets,
     * transaction state) get replication factor {@code min(3, voters)} and {@code min.insync.replicas}
     * {@code min(2, voters)} unless {@code extra} says otherwise.
     *
     * @param node the node's id, fixed ports and the quorum
     * @param extra broker settings that override the defaults
     */
    public static EmbeddedKafka startNode(Path dataDir, ClusterNode node, Map<String, String> extra) {
        keepJvmAliveOnFatalBrokerError();
        Path logDir = dataDir.resolve("kafka-logs");
        int replication = Math.min(3, node.voterCount());
        int minIsr = Math.min(2, replication);
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(node.nodeId()));
        props.put("controller.quorum.voters", node.quorumVoters());
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + node.brokerPort() + ",CONTROLLER://127.0.0.1:"
                + node.controllerPort());
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + node.brokerPort());
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("auto.create.topics.enable", "false");
        props.put("offsets.topic.replication.factor", String.valueOf(replication));
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", String.valueOf(replication));
        props.put("transaction.state.log.min.isr", String.valueOf(minIsr));
        props.put("share.coordinator.state.topic.replication.factor", String.valueOf(replication));
        props.put("share.coordinator.state.topic.min.isr", String.valueOf(minIsr));
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "1");
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        // A broker restarted after kill -9 otherwise waits ~9 s for its old registration to expire.
        props.put("broker.heartbeat.interval.ms", "500");
        props.put("broker.session.timeout.ms", "2000");
        props.putAll(extra);
        KafkaConfig config = new KafkaConfig(props, false);
        format(config, logDir, dataDir, node.clusterId());
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        String bootstrap = "127.0.0.1:" + node.brokerPort();
        log.info("Embedded Kafka node {} started at {} with data in {}", node.nodeId(), bootstrap, logDir);
        return new EmbeddedKafka(server, bootstrap, dataDir);
    }

    /**
     * A node of a KRaft cluster whose nodes are all combined broker and controller.
     *
     * @param nodeId this node's id, 1..n
     * @param brokerPort the client port (fixed: clients and the other nodes need it)
     * @param controllerPort the controller (Raft) port
     * @param quorumVoters {@code id@host:controllerPort} of every node, comma-separated
     * @param clusterId the cluster id shared by all nodes, or null to generate one on first format
     */
    public record ClusterNode(int nodeId, int brokerPort, int controllerPort, String quorumVoters, String clusterId) {
        public ClusterNode {
            if (nodeId < 0) {
                throw new IllegalArgumentException("node id must be >= 0, got " + nodeId);
            }
            if (quorumVoters == null || !quorumVoters.contains(nodeId + "@")) {
                throw new IllegalArgumentException("quorum voters '" + quorumVoters + "' must include node " + nodeId);
            }
        }

        public int voterCount() {
            return quorumVoters.split(",").length;
        }

        /** The voters string for {@code n} nodes with ids 1..n on 127.0.0.1 and the given controller ports. */
        public static String voters(int[] controllerPorts) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < controllerPorts.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(i + 1).append("@127.0.0.1:").append(controllerPorts[i]);
            }
            return sb.toString();
        }
    }

    /** A fresh random cluster id, for {@link ClusterNode#clusterId()}. */
    public static String newClusterId() {
        return Uuid.randomUuid().toString();
    }

    private static void format(KafkaConfig config, Path logDir, Path dataDir, String wantedClusterId) {
        try {
            Files.createDirectories(logDir);
            Path idFile = dataDir.resolve(CLUSTER_ID_FILE);
            String clusterId;
            if (Files.exists(idFile)) {
                clusterId = Files.readString(idFile, StandardCharsets.UTF_8).trim();
                if (wantedClusterId != null && !wantedClusterId.equals(clusterId)) {
                    throw new IllegalStateException("Kafka data folder " + dataDir + " belongs to cluster " + clusterId
                            + ", not " + wantedClusterId + "; use another data folder");
                }
            } else {
                clusterId = wantedClusterId != null ? wantedClusterId : Uuid.randomUuid().toString();
                Files.writeString(idFile, clusterId, StandardCharsets.UTF_8);
            }
            new Formatter()
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .setNodeId(config.nodeId())
                    .setClusterId(clusterId)
                    .setIgnoreFormatted(true)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setDirectories(java.util.List.of(logDir.toString()))
                    .run();
        } catch (IllegalStateException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare Kafka data folder " + logDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("could not format Kafka data folder " + logDir, e);
        }
    }

    /**
     * Kafka halts the JVM on a fatal storage error. In an embedded broker that would take the whole app down with no
     * shutdown hooks, so we turn it into a logged error and an exception on the broker's own thread.
     */
    private static void keepJvmAliveOnFatalBrokerError() {
        Exit.setHaltProcedure((status, message) -> {
            log.error("Embedded Kafka asked to halt the JVM (status {}): {}", status, message);
            throw new IllegalStateException("embedded Kafka halted: " + message);
        });
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        log.info("Stopping embedded Kafka broker at {}", bootstrapServers);
        server.shutdown();
        server.awaitShutdown();
    }

}
