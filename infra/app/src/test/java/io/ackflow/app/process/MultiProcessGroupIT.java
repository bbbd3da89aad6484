package io.ackflow.app.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ackflow.app.ops.lag.LagProbe;
import io.ackflow.app.ops.lag.LagSample;
import io.ackflow.embedded.EmbeddedKafka;
import io.ackflow.embedded.EmbeddedStack;
import io.ackflow.embedded.FreePorts;
import io.ackflow.schema.ConsumerGroups;
import io.ackflow.schema.EventIds;
import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Headers;
import io.ackflow.schema.Json;
import io.ackflow.schema.RecordHeaders;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.AuctionDefined;
import io.ackflow.schema.event.Bid;
import io.ackflow.schema.event.EventOutcome;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scaling and failover of a worker group across real {@code workers} processes: child JVMs of {@code ackflow.jar}
 * started as {@code ./ackflow workers --groups bids} starts them ({@code AckflowMain}, the workers role), while bids are
 * placed at a steady rate. A second process takes half the partitions; after {@code kill -9} of the first, the second
 * owns every partition and works off the backlog: every bid gets its decision, none is lost, and none is decided twice
 * differently.
 *
 * <p>The processes use a broker of this test's own: other ITs in this JVM run in-process bid workers (same group, same
 * topics) on the shared one. PostgreSQL is the shared test database: a workers process runs Flyway at start-up even
 * when it runs only the bid group.
 */
class MultiProcessGroupIT {
    private static final String GROUP = ConsumerGroups.BID_WORKER;
    private static final int BIDS_PER_SECOND = 100;
    /** {@code ackflow.workers.max-poll-records}: what a killed member may have handled but not committed. */
    private static final int MAX_POLL_RECORDS = 100;

    private static Path dir;
    private static EmbeddedKafka kafka;
    private final List<ChildProcess> children = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws IOException {
        dir = Files.createTempDirectory("ackflow-mp");
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, Map.of());
    }

    @AfterAll
    static void stopBroker() throws IOException {
        if (kafka != null) {
            kafka.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @AfterEach
    void stopChildren() {
        children.forEach(c -> c.stop(Duration.ofSeconds(5)));
    }

    @Test
    void secondWorkersProcessTakesHalfThePartitionsAndAfterKillMinus9TheSurvivorDecidesEveryBidOnce() throws Exception {
        ChildProcess first = workers("workers-1");
        int partitions = awaitMembers(first, 1).values().iterator().next().size();
        List<String> auctions = auctionPerPartition(partitions);
        defineAuctions(auctions);

        BidStream bids = new BidStream(auctions);
        try {
            ChildProcess second = workers("workers-2");
            Map<String, Set<TopicPartition>> spread = awaitMembers(second, 2);
            await("both processes in the CONSUMER column of ./ackflow lag").atMost(Duration.ofSeconds(30))
                    .ignoreExceptions().untilAsserted(() -> assertThat(owners()).hasSize(partitions)
                            .satisfies(o -> assertThat(Set.copyOf(o.values())).hasSize(2)));
            Set<TopicPartition> secondOwns = spread.entrySet().stream()
                    .filter(e -> e.getKey().contains("workers-2")).findFirst().orElseThrow().getValue();
            Map<TopicPartition, Long> before = committed();
            await("workers-2 commits on its partitions").atMost(Duration.ofSeconds(30)).until(() -> {
                Map<TopicPartition, Long> now = committed();
                return secondOwns.stream().anyMatch(tp -> now.getOrDefault(tp, 0L) > before.getOrDefault(tp, 0L));
            });

            first.kill9();
            long killedAt = System.nanoTime();
            await("workers-2 owns every partition").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250))
                    .failFast("workers-2 exited; see " + second.logFile(), () -> !second.isAlive())
                    .ignoreExceptions()
                    .untilAsserted(() -> assertThat(describe().members()).singleElement()
                            .satisfies(m -> assertThat(m.assignment().topicPartitions()).hasSize(partitions)));
            System.out.printf("MultiProcessGroupIT: workers-2 owned all %d partitions %d ms after kill -9%n", partitions,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
            bids.stopAfter(Duration.ofSeconds(1));
        } finally {
            bids.close();
        }

        await("every bid decided").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(committed()).isEqualTo(ends(Topics.BIDS_PLACED, partitions)));
        Map<String, List<byte[]>> accepted = byEventId(Topics.BIDS_ACCEPTED);
        Map<String, List<byte[]>> outcomes = byEventId(Topics.EVENT_OUTCOMES);
        Set<String> placed = bids.placed();

        assertThat(accepted.keySet()).as("one bids.accepted per bid placed, none lost or invented").isEqualTo(placed);
        assertThat(outcomes.keySet()).isEqualTo(placed);
        assertThat(accepted.values()).as("a redelivered bid is accepted again identically: one effect downstream")
                .allSatisfy(copies -> assertThat(copies.stream().map(String::new).distinct()).hasSize(1));
        assertThat(outcomes.values()).allSatisfy(copies -> assertThat(copies.stream()
                .map(v -> Json.read(v, EventOutcome.class).status())).containsOnly(EventOutcome.Status.accepted));
        long redelivered = accepted.values().stream().mapToLong(copies -> copies.size() - 1).sum();
        System.out.printf("MultiProcessGroupIT: %d bids, %d accepted again after the kill%n", placed.size(), redelivered);
        assertThat(redelivered).as("at most the killed member's one uncommitted poll").isLessThanOrEqualTo(MAX_POLL_RECORDS);
        assertThat(ends(Topics.dlt(Topics.BIDS_PLACED), partitions).values()).containsOnly(0L);
    }

    /** {@code ./ackflow workers --groups bids} as a child JVM, as {@code ./ackflow} and the chaos topology start it. */
    private ChildProcess workers(String name) {
        EmbeddedStack db = EmbeddedStack.startOnce(EmbeddedStack.Options.forTests());
        ChildProcess p = ChildJvm.of(AckflowJar.locate())
                .name(name)
                .jvmOptions("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k")
                .args("workers", "--groups", "bids",
                        // static membership keeps a dead member's partitions this long; 6 s is the broker's minimum
                        "--ackflow.workers.session-timeout=6s",
                        "--ackflow.workers.max-poll-records=" + MAX_POLL_RECORDS,
                        "--ackflow.ops.lag.enabled=false")
                .env("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers())
                .env("DATABASE_URL", db.jdbcUrl())
                .env("DATABASE_USER", db.jdbcUser())
                .env("DATABASE_POOL_SIZE", "2")
                .env("SERVER_PORT", String.valueOf(FreePorts.pick(0)))
                .env("ACKFLOW_INSTANCE_ID", "mp-" + name)
                .env("ACKFLOW_ADMIN_TOKEN", "mp-admin-token-0123456789")
                .env("ACKFLOW_API_KEYS", "mp-client-key-0123456789")
                .log(dir.resolve(name + ".log"))
                .start();
        children.add(p);
        return p;
    }

    /** Waits until the group has {@code count} members, all owning partitions; returns them by client id. */
    private Map<String, Set<TopicPartition>> awaitMembers(ChildProcess newest, int count) {
        Map<String, Set<TopicPartition>> members = new TreeMap<>();
        await(count + " member(s) in " + GROUP).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300))
                .failFast(newest.name() + " exited; see " + newest.logFile(), () -> !newest.isAlive())
                .ignoreExceptions()
                .untilAsserted(() -> {
                    ConsumerGroupDescription d = describe();
                    assertThat(d.members()).hasSize(count);
                    members.clear();
                    for (MemberDescription m : d.members()) {
                        members.put(m.clientId(), m.assignment().topicPartitions());
                    }
                    assertThat(members.values()).allSatisfy(owned -> assertThat(owned).isNotEmpty());
                });
        return members;
    }

    /** Partition owners as {@code ./ackflow lag} prints them (its CONSUMER column). */
    private static Map<Integer, String> owners() {
        try (LagProbe probe = new LagProbe(client(), Duration.ofSeconds(10), Clock.systemUTC())) {
            Map<Integer, String> owners = new TreeMap<>();
            for (LagSample s : probe.sample(List.of(GROUP))) {
                if (s.topic().equals(Topics.BIDS_PLACED) && s.consumer() != null) {
                    owners.put(s.partition(), s.consumer());
                }
            }
            return owners;
        }
    }

    /** Auction ids whose keys land on every partition of {@code ackflow.bids.placed}, as the default partitioner does. */
    private static List<String> auctionPerPartition(int partitions) {
        Map<Integer, String> byPartition = new TreeMap<>();
        for (int i = 0; byPartition.size() < partitions; i++) {
            String id = "mp-auction-" + i;
            byPartition.putIfAbsent(Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions, id);
        }
        return List.copyOf(byPartition.values());
    }

    private static void defineAuctions(List<String> auctions) throws Exception {
        Instant now = Instant.now();
        try (KafkaProducer<String, byte[]> p = producer()) {
            for (String id : auctions) {
                AuctionDefined a = new AuctionDefined(id, "Lot " + id, now.minus(Duration.ofHours(1)),
                        now.plus(Duration.ofDays(1)), now);
                p.send(new ProducerRecord<>(Topics.AUCTIONS, id, Json.write(a))).get(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Bids placed as ingress places them (value, key and headers), at {@link #BIDS_PER_SECOND}, on its own thread. */
    private static final class BidStream {
        private final Set<String> placed = ConcurrentHashMap.newKeySet();
        private final Thread thread;
        private volatile long stopAt = Long.MAX_VALUE;
        private volatile Exception failure;

        BidStream(List<String> auctions) {
            thread = new Thread(() -> run(auctions), "mp-bids");
            thread.start();
        }

        private void run(List<String> auctions) {
            try (KafkaProducer<String, byte[]> p = producer()) {
                for (int i = 0; System.nanoTime() < stopAt; i++) {
                    p.send(bid(auctions.get(i % auctions.size()), i)).get(10, TimeUnit.SECONDS);
                    // paces the stream so the kill lands mid-stream; nothing waits on a result here
                    Thread.sleep(1000 / BIDS_PER_SECOND);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                failure = e;
            }
        }

        private ProducerRecord<String, byte[]> bid(String auction, int i) {
            long now = System.currentTimeMillis();
            String eventId = EventIds.random(now);
            Bid bid = new Bid(eventId, auction, "bidder-" + i, BigDecimal.valueOf(10 + i), null, Instant.ofEpochMilli(now));
            ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.BIDS_PLACED, auction, Json.write(bid));
            RecordHeaders.put(r.headers(), Headers.EVENT_ID, eventId);
            RecordHeaders.put(r.headers(), Headers.EVENT_TYPE, EventTypes.BID_PLACED);
            RecordHeaders.put(r.headers(), Headers.INGRESS_TIME, Long.toString(now));
            placed.add(eventId);
            return r;
        }

        void stopAfter(Duration more) {
            stopAt = System.nanoTime() + more.toNanos();
        }

        /** Stops placing bids (at once unless {@link #stopAfter} said when) and waits for the last one. */
        void close() throws InterruptedException {
            if (stopAt == Long.MAX_VALUE) {
                stopAt = System.nanoTime();
            }
            thread.join(20_000);
            if (failure != null) {
                throw new IllegalStateException("placing bids failed after " + placed.size(), failure);
            }
        }

        /** Event ids of every bid placed (and acknowledged by the broker, once {@link #close()} returned). */
        Set<String> placed() {
            return Set.copyOf(placed);
        }
    }

    /** Every record of {@code topic}, values grouped by the event id header. */
    private static Map<String, List<byte[]>> byEventId(String topic) {
        Map<String, Object> props = client();
        props.put("isolation.level", "read_committed");
        Map<String, List<byte[]>> out = new HashMap<>();
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.computeIfAbsent(RecordHeaders.get(r.headers(), Headers.EVENT_ID), k -> new ArrayList<>())
                            .add(r.value());
                }
            }
        }
        return out;
    }

    private static ConsumerGroupDescription describe() throws Exception {
        try (Admin admin = Admin.create(client())) {
            return admin.describeConsumerGroups(List.of(GROUP)).all().get(10, TimeUnit.SECONDS).get(GROUP);
        }
    }

    private static Map<TopicPartition, Long> committed() throws Exception {
        try (Admin admin = Admin.create(client())) {
            return admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                    .entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(Topics.BIDS_PLACED) && e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    private static Map<TopicPartition, Long> ends(String topic, int partitions) throws Exception {
        try (LagProbe probe = new LagProbe(client(), Duration.ofSeconds(10), Clock.systemUTC())) {
            Set<TopicPartition> tps = new HashSet<>();
            for (int i = 0; i < partitions; i++) {
                tps.add(new TopicPartition(topic, i));
            }
            return probe.endOffsets(tps);
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        Map<String, Object> p = client();
        p.put("acks", "all");
        p.put("linger.ms", 0);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static Map<String, Object> client() {
        Map<String, Object> m = new HashMap<>();
        m.put("bootstrap.servers", kafka.bootstrapServers());
        return m;
    }
}
