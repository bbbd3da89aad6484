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
        keepJvmAliveOnFatalBrokerError();
        int port = FreePorts.pick(brokerPort);
        int controllerPort = FreePorts.pick(0);
        Path logDir = dataDir.resolve("kafka-logs");
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("auto.create.topics.enable", "false");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
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
        format(config, logDir, dataDir);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        String bootstrap = "127.0.0.1:" + port;
        log.info("Embedded Kafka broker started at {} with data in {}", bootstrap, logDir);
        return new EmbeddedKafka(server, bootstrap, dataDir);
    }

    private static void format(KafkaConfig config, Path logDir, Path dataDir) {
        try {
            Files.createDirectories(logDir);
            Path idFile = dataDir.resolve(CLUSTER_ID_FILE);
            String clusterId;
            if (Files.exists(idFile)) {
                clusterId = Files.readString(idFile, StandardCharsets.UTF_8).trim();
            } else {
                clusterId = Uuid.randomUuid().toString();
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
