package io.ackflow.app.chaos;

import io.ackflow.app.kafka.LocalKafkaCluster;
import io.ackflow.app.process.ChildJvm;
import io.ackflow.app.process.ExtractedJar;
import io.ackflow.embedded.EmbeddedPostgresServer;
import io.ackflow.embedded.FreePorts;
import io.ackflow.fakes.broker.FakeBrokerServer;
import io.ackflow.fakes.telegram.FakeTelegramServer;
import io.ackflow.schema.role.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a chaos run starts: the KRaft cluster (3 broker processes, or 1 with {@code --short}), PostgreSQL as its
 * own OS process, the fake Telegram Bot API and order gateway, and the role processes: two of each role, or with
 * {@code --short} one ingress process and one running both consumer roles (workers and persister), which saves a JVM
 * start on a small machine. {@link #close()} stops all of it; the command also registers it as a shutdown hook so
 * nothing outlives the run.
 */
final class Topology implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Topology.class);
    static final String ADMIN_TOKEN = "chaos-admin-token-0123456789";
    static final String API_KEY = "chaos-client-key-0123456789";
    /** The embedded PostgreSQL trusts local connections; the processes still get one, for the sweep to search. */
    static final String DATABASE_PASSWORD = "chaos-database-password-0123456789";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    /**
     * How long a Telegram send claimed by a process that died mid-call waits before the sender gives it up as
     * uncertain (default 60 s): a run kills processes on purpose and should not wait a minute for each.
     */
    private static final String SEND_STUCK_AFTER = "20s";

    private final Path dir;
    private final List<RoleProcess> roles = new ArrayList<>();
    private LocalKafkaCluster kafka;
    private volatile EmbeddedPostgresServer postgres;
    private int postgresPort;
    private FakeTelegramServer telegram;
    private FakeBrokerServer orderGateway;
    private volatile boolean closed;

    private Topology(Path dir) {
        this.dir = dir;
    }

    static Topology start(Path jar, ChaosOptions options) {
        Topology t = new Topology(options.reportDir());
        Runtime.getRuntime().addShutdownHook(new Thread(t::close, "chaos-teardown"));
        try {
            t.startAll(jar, options);
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    private void startAll(Path jar, ChaosOptions options) {
        log.info("starting {} broker(s), PostgreSQL and the fakes", options.brokers());
        CompletableFuture<EmbeddedPostgresServer> pg = CompletableFuture.supplyAsync(
                () -> EmbeddedPostgresServer.start(dir.resolve("postgres"), 0));
        Path app;
        try {
            app = ExtractedJar.of(jar);
            kafka = LocalKafkaCluster.launch(app, dir.resolve("kafka"), options.brokers(), 0, 0);
        } finally {
            postgres = pg.join(); // kept even when the rest failed, so close() stops it
        }
        postgresPort = postgres.port();
        telegram = FakeTelegramServer.start();
        orderGateway = FakeBrokerServer.start();
        int rf = options.brokers() >= 3 ? 3 : 1;
        int minIsr = rf == 3 ? 2 : 1;
        Map<String, List<String>> layout = new LinkedHashMap<>();
        if (options.shortRun()) {
            layout.put("ingress-1", List.of("ingress"));
            layout.put("consumers-1", List.of("workers", "persister"));
        } else {
            for (String role : List.of("ingress", "workers", "persister")) {
                for (int i = 1; i <= options.perRole(); i++) {
                    layout.put(role + "-" + i, List.of(role));
                }
            }
        }
        layout.forEach((name, processRoles) -> {
            int port = FreePorts.pick(0);
            roles.add(new RoleProcess(name, processRoles, port, () -> jvm(app, processRoles, name, port, rf, minIsr)));
        });
        if (options.shortRun()) {
            // Two processes: start them together (Flyway's lock and the topic provisioner's "already exists" make
            // that safe), so both cores work, and before the broker is ready: a JVM spends its first 20 s or so on
            // Spring, and the topic provisioner then waits up to 30 s for the broker.
            roles.forEach(RoleProcess::start);
            kafka.awaitBrokers(options.brokers(), START_TIMEOUT);
            roles.forEach(Topology::awaitWithRetry);
        } else {
            kafka.awaitBrokers(options.brokers(), START_TIMEOUT);
            // One persister first: it migrates the schema (and creates the topics) alone. The rest then start
            // together; every role tolerates another one having created the topics first.
            RoleProcess first = roles("persister").get(0);
            startWithRetry(first);
            roles.stream().filter(r -> r != first).forEach(RoleProcess::start);
            roles.stream().filter(r -> r != first).forEach(Topology::awaitWithRetry);
        }
        log.info("topology ready: {}", roles);
    }

    /**
     * On a saturated machine a process can fail its start-up (a 2 s database connection timeout during migration);
     * that is the machine, not the fault under test, so it gets two more tries.
     */
    private static void startWithRetry(RoleProcess r) {
        r.start();
        awaitWithRetry(r);
    }

    /** Waits until {@code r} is ready, starting it again (at most twice) if it exits first; returns the total wait. */
    static Duration awaitWithRetry(RoleProcess r) {
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                r.awaitReady(START_TIMEOUT);
                return Duration.ofNanos(System.nanoTime() - start);
            } catch (IllegalStateException e) {
                if (attempt >= 3 || r.process().isAlive()) {
                    throw e;
                }
                log.warn("{} failed to start (attempt {}): {}; starting it again", r.name(), attempt, e.getMessage());
                r.start();
            }
        }
    }

    private ChildJvm jvm(Path jar, List<String> processRoles, String name, int port, int rf, int minIsr) {
        ChildJvm jvm = ChildJvm.of(jar)
                .name(name)
                .jvmOptions(processRoles.size() > 1 ? "-Xmx384m" : "-Xmx256m", "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1", "-Xss512k");
        if (processRoles.size() == 1) {
            jvm.args(processRoles.get(0));
        } else {
            jvm.args("run", "--" + Role.PROPERTY + "=" + String.join(",", processRoles));
        }
        jvm.args("--ackflow.topics.replication-factor=" + rf,
                        "--ackflow.topics.min-insync-replicas=" + minIsr,
                        "--ackflow.ops.lag.enabled=false")
                .env("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers())
                .env("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + EmbeddedPostgresServer.DATABASE)
                .env("DATABASE_USER", EmbeddedPostgresServer.USER)
                .env("DATABASE_PASSWORD", DATABASE_PASSWORD)
                .env("DATABASE_POOL_SIZE", String.valueOf(4 * processRoles.size()))
                .env("SERVER_PORT", String.valueOf(port))
                .env("ACKFLOW_ADMIN_TOKEN", ADMIN_TOKEN)
                .env("ACKFLOW_API_KEYS", API_KEY)
                .env("ACKFLOW_INSTANCE_ID", "chaos-" + name)
                .env("ACKFLOW_TELEGRAM_API_BASE_URL", telegram.baseUrl())
                .log(dir.resolve("logs").resolve(name + ".log"));
        if (processRoles.contains("workers")) {
            jvm.args("--ackflow.workers.orders.broker.kind=http",
                    "--ackflow.workers.orders.broker.base-url=" + orderGateway.baseUrl(),
                    "--ackflow.telegram.sender.stuck-after=" + SEND_STUCK_AFTER);
        }
        if (processRoles.contains("persister")) {
            jvm.args("--ackflow.persister.flush-interval=200ms");
        }
        return jvm;
    }

    List<RoleProcess> roles(String role) {
        return roles.stream().filter(r -> r.runs(role)).toList();
    }

    List<RoleProcess> all() {
        return List.copyOf(roles);
    }

    /** Where every process of the run writes its log ({@code logs/}, {@code kafka/}) and the reports go. */
    Path dir() {
        return dir;
    }

    LocalKafkaCluster kafka() {
        return kafka;
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + EmbeddedPostgresServer.DATABASE;
    }

    FakeBrokerServer orderGateway() {
        return orderGateway;
    }

    FakeTelegramServer telegram() {
        return telegram;
    }

    void stopPostgres() {
        postgres.close();
    }

    void startPostgres() {
        postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), postgresPort);
    }

    /** Role processes first (SIGCONT in case one is frozen), then Kafka, PostgreSQL and the fakes. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (RoleProcess r : roles) {
            quietly(() -> r.process().thaw());
            quietly(() -> r.process().kill9());
        }
        if (kafka != null) {
            quietly(kafka::killAll);
        }
        if (postgres != null) {
            quietly(postgres::close);
        }
        if (telegram != null) {
            quietly(telegram::close);
        }
        if (orderGateway != null) {
            quietly(orderGateway::close);
        }
    }

    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException | Error e) {
            log.debug("teardown step failed: {}", e.toString());
        }
    }
}
