package io.ackflow.app.chaos;

import io.ackflow.app.process.Pause;
import io.ackflow.schema.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Injects one fault of a scenario into the running topology and brings the part back. */
final class FaultInjector {
    private static final Logger log = LoggerFactory.getLogger(FaultInjector.class);
    /** Workers' {@code session.timeout.ms} (the default {@code ackflow.workers.session-timeout}). */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    static final Duration POSTGRES_DOWN = Duration.ofSeconds(20);
    private static final Duration DOWN_BEFORE_RESTART = Duration.ofSeconds(3);
    private static final Duration BROKER_DOWN = Duration.ofSeconds(10);
    /** In {@link Scenario#MIXED}, where the other faults follow. */
    private static final Duration BROKER_DOWN_MIXED = Duration.ofSeconds(5);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final Topology topology;
    private final Random random;

    FaultInjector(Topology topology, Random random) {
        this.topology = topology;
        this.random = random;
    }

    FaultRecord inject(Scenario scenario) {
        log.info("injecting {}: {}", scenario.id(), scenario.description());
        return switch (scenario) {
            case KILL_WORKERS -> killAndRestart(scenario, "workers");
            case KILL_PERSISTER -> killAndRestart(scenario, "persister");
            case KILL_INGRESS -> killAndRestart(scenario, "ingress");
            case KILL_BROKER -> killBroker(scenario);
            case FREEZE_WORKERS -> freezeWorkers(scenario);
            case STOP_POSTGRES -> stopPostgres(scenario);
            case POISON -> poison(scenario);
            case FAKE_FAULTS -> fakeFaults(scenario);
            case KILL_CONSUMERS -> killAndRestart(scenario, "workers", "persister");
            case MIXED -> mixed(scenario);
        };
    }

    private FaultRecord fakeFaults(Scenario scenario) {
        long injected = System.currentTimeMillis();
        FakeFaults.run(topology.telegram(), topology.orderGateway());
        return new FaultRecord(scenario.id(), FakeFaults.TARGET, injected, System.currentTimeMillis(), 0, List.of());
    }

    /**
     * Poison and, meanwhile, the fakes' bad spell while everything else is up; then a {@code kill -9} of a broker and
     * of a workers process at once; the workers process starts again after 3 s, the broker after 5 s (a JVM needs far
     * longer than that before it talks to Kafka); waits until both are back.
     */
    private FaultRecord mixed(Scenario scenario) {
        long injected = System.currentTimeMillis();
        java.util.concurrent.CompletableFuture<List<FaultRecord.PoisonRecord>> writing =
                java.util.concurrent.CompletableFuture.supplyAsync(this::writePoison);
        FakeFaults.run(topology.telegram(), topology.orderGateway());
        List<FaultRecord.PoisonRecord> poison = writing.join();
        int node = leaderOfMostBidPartitions();
        RoleProcess victim = pick("workers");
        topology.kafka().kill9(node);
        victim.kill9();
        Pause.of(DOWN_BEFORE_RESTART);
        victim.start();
        Pause.of(BROKER_DOWN_MIXED.minus(DOWN_BEFORE_RESTART));
        long ended = System.currentTimeMillis();
        topology.kafka().restart(node);
        long start = System.nanoTime();
        topology.kafka().awaitBrokers(topology.kafka().size(), READY_TIMEOUT);
        Topology.awaitWithRetry(victim);
        long ready = (System.nanoTime() - start) / 1_000_000;
        return new FaultRecord(scenario.id(), String.join(", ", "poison", FakeFaults.TARGET, "broker " + node,
                victim.name()), injected, ended, ready, poison);
    }

    private RoleProcess pick(String role) {
        List<RoleProcess> candidates = topology.roles(role);
        return candidates.get(random.nextInt(candidates.size()));
    }

    private FaultRecord killAndRestart(Scenario scenario, String... roles) {
        List<RoleProcess> victims = java.util.Arrays.stream(roles).map(this::pick).toList();
        long injected = System.currentTimeMillis();
        victims.forEach(RoleProcess::kill9);
        Pause.of(DOWN_BEFORE_RESTART);
        long ended = System.currentTimeMillis();
        victims.forEach(RoleProcess::start);
        long ready = victims.stream().mapToLong(v -> Topology.awaitWithRetry(v).toMillis()).max().orElse(0);
        return new FaultRecord(scenario.id(), String.join(", ", victims.stream().map(RoleProcess::name).toList()),
                injected, ended, ready, List.of());
    }

    private FaultRecord freezeWorkers(Scenario scenario) {
        RoleProcess victim = pick("workers");
        long injected = System.currentTimeMillis();
        victim.process().freeze();
        Pause.of(SESSION_TIMEOUT.plusSeconds(5));
        long ended = System.currentTimeMillis();
        victim.process().thaw();
        long ready = victim.awaitReady(READY_TIMEOUT).toMillis();
        return new FaultRecord(scenario.id(), victim.name(), injected, ended, ready, List.of());
    }

    private FaultRecord stopPostgres(Scenario scenario) {
        long injected = System.currentTimeMillis();
        topology.stopPostgres();
        Pause.of(POSTGRES_DOWN);
        long ended = System.currentTimeMillis();
        topology.startPostgres();
        long start = System.nanoTime();
        topology.roles("persister").forEach(p -> p.awaitReady(READY_TIMEOUT));
        long ready = (System.nanoTime() - start) / 1_000_000;
        return new FaultRecord(scenario.id(), "postgresql", injected, ended, ready, List.of());
    }

    private FaultRecord killBroker(Scenario scenario) {
        int node = leaderOfMostBidPartitions();
        long injected = System.currentTimeMillis();
        topology.kafka().kill9(node);
        Pause.of(BROKER_DOWN);
        long ended = System.currentTimeMillis();
        topology.kafka().restart(node);
        long start = System.nanoTime();
        topology.kafka().awaitBrokers(topology.kafka().size(), READY_TIMEOUT);
        long ready = (System.nanoTime() - start) / 1_000_000;
        return new FaultRecord(scenario.id(), "broker " + node, injected, ended, ready, List.of());
    }

    private int leaderOfMostBidPartitions() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", topology.bootstrapServers()))) {
            TopicDescription d = admin.describeTopics(List.of(Topics.BIDS_PLACED)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(Topics.BIDS_PLACED);
            Map<Integer, Integer> led = new HashMap<>();
            for (TopicPartitionInfo p : d.partitions()) {
                if (p.leader() != null) {
                    led.merge(p.leader().id(), 1, Integer::sum);
                }
            }
            return led.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(1);
        } catch (Exception e) {
            log.warn("could not find the leading broker ({}); killing broker 1", e.toString());
            return 1;
        }
    }

    /** Not JSON at all: no consumer can decode it. One into every topic a consumer group reads. */
    private FaultRecord poison(Scenario scenario) {
        long injected = System.currentTimeMillis();
        List<FaultRecord.PoisonRecord> written = writePoison();
        return new FaultRecord(scenario.id(), written.size() + " consumed topics", injected,
                System.currentTimeMillis(), -1, written);
    }

    private List<FaultRecord.PoisonRecord> writePoison() {
        List<FaultRecord.PoisonRecord> written = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                topology.bootstrapServers(), "acks", "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (String topic : DeadLetterCheck.CONSUMER.keySet()) {
                String key = "poison-" + random.nextInt(1_000_000) + "-" + topic;
                sent.add(producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                        "{\"not json".getBytes(StandardCharsets.UTF_8))));
                written.add(new FaultRecord.PoisonRecord(topic, key));
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not write the poison records", e);
        }
        return List.copyOf(written);
    }
}
