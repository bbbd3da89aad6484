package io.ackflow.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded broker and database, started at most once per JVM. Dev mode and the integration tests both use it.
 *
 * <p>Tests may stop and restart either server (to prove recovery); the restart reuses the same ports and data, so
 * clients reconnect by themselves.
 */
public final class EmbeddedStack {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);
    private static EmbeddedStack instance;

    private final Options options;
    private final int kafkaPort;
    private final int postgresPort;
    private volatile EmbeddedKafka kafka;
    private volatile EmbeddedPostgresServer postgres;

    /**
     * Where the data lives and which ports to use (0: a free one); {@code postgres} false starts the broker alone (for
     * a run that measures a PostgreSQL server of its own; {@link #startPostgres()} can still start the embedded one).
     */
    public record Options(Path dataDir, int kafkaPort, int postgresPort, boolean fresh, boolean deleteOnExit,
            boolean stopOnJvmExit, boolean postgres) {
        public Options(Path dataDir, int kafkaPort, int postgresPort, boolean fresh, boolean deleteOnExit,
                boolean stopOnJvmExit) {
            this(dataDir, kafkaPort, postgresPort, fresh, deleteOnExit, stopOnJvmExit, true);
        }

        /** The same options without the embedded PostgreSQL. */
        public Options kafkaOnly() {
            return new Options(dataDir, kafkaPort, postgresPort, fresh, deleteOnExit, stopOnJvmExit, false);
        }

        public static Options forTests() {
            try {
                return new Options(Files.createTempDirectory("ackflow-test-"), 0, 0, true, true, true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private EmbeddedStack(Options options) {
        this.options = options;
        this.kafkaPort = FreePorts.pick(options.kafkaPort());
        this.postgresPort = FreePorts.pick(options.postgresPort());
    }

    /** Starts the stack on first call; later calls return the running one (the options of the first call win). */
    public static synchronized EmbeddedStack startOnce(Options options) {
        if (instance == null) {
            EmbeddedStack stack = new EmbeddedStack(options);
            stack.start();
            instance = stack;
            if (options.stopOnJvmExit()) {
                Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "ackflow-embedded-stop"));
            }
        }
        return instance;
    }

    /** The running stack, for tests that stop and start its parts. */
    public static synchronized EmbeddedStack current() {
        if (instance == null) {
            throw new IllegalStateException("the embedded stack has not been started in this JVM");
        }
        return instance;
    }

    private void start() {
        long started = System.nanoTime();
        if (options.fresh()) {
            deleteRecursively(options.dataDir());
        }
        if (options.postgres()) {
            startPostgres();
        }
        startKafka();
        log.info("Embedded stack ready in {} ms (data in {})", (System.nanoTime() - started) / 1_000_000, options.dataDir());
    }

    public synchronized void startKafka() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start(options.dataDir().resolve("kafka"), kafkaPort, Map.of());
        }
    }

    public synchronized void stopKafka() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    public synchronized void startPostgres() {
        if (postgres == null) {
            postgres = EmbeddedPostgresServer.start(options.dataDir().resolve("postgres"), postgresPort);
        }
    }

    public synchronized void stopPostgres() {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    /** Stops Kafka, then PostgreSQL. Idempotent. */
    public synchronized void stop() {
        try {
            stopKafka();
        } catch (RuntimeException e) {
            log.warn("Embedded Kafka did not stop cleanly", e);
        }
        try {
            stopPostgres();
        } catch (RuntimeException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
        if (options.deleteOnExit()) {
            deleteRecursively(options.dataDir());
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + EmbeddedPostgresServer.DATABASE;
    }

    public String jdbcUser() {
        return EmbeddedPostgresServer.USER;
    }

    public Path dataDir() {
        return options.dataDir();
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
