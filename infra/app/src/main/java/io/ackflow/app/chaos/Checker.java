package io.ackflow.app.chaos;

import io.ackflow.schema.ConsumerGroups;
import io.ackflow.schema.Headers;
import io.ackflow.schema.Topics;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the request log with the end state: the {@code events} and {@code bids} tables the persister writes (the
 * same rows {@code GET /v1/events/{id}} and the leaderboard serve), and the dead-letter topics.
 */
final class Checker {
    private static final Logger log = LoggerFactory.getLogger(Checker.class);
    static final List<String> GROUPS = List.of(ConsumerGroups.BID_WORKER, ConsumerGroups.PERSISTER);
    private static final Set<String> FINAL = Set.of("accepted", "rejected", "failed");
    private static final int MAX_DETAILS = 20;

    private final Topology topology;

    Checker(Topology topology) {
        this.topology = topology;
    }

    /** The outcome of the checks on one scenario's requests. */
    record Verdict(long ackedEvents, long finalOutcomes, long rejectedOutcomes, long ackedButLost,
            long doubledEffects, long refusedWithEffect, long uncertainWithEffect, boolean quiescent,
            long quiescenceMs, int poisonExpected, int poisonInDlt, long otherDeadLetters, List<String> details) {}

    /** Waits (bounded) until the groups have no lag and every acknowledged event has a final outcome. */
    long awaitQuiescence(LagWatch lag, Collection<String> ackedIds, Duration timeout) throws SQLException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long l = lag.lagOrUnknown();
            if (l == 0) {
                Map<String, String> statuses = statuses(ackedIds);
                long pending = ackedIds.stream().filter(id -> !FINAL.contains(statuses.get(id))).count();
                if (pending == 0) {
                    return (System.nanoTime() - start) / 1_000_000;
                }
                log.info("quiescence: lag 0, {} acknowledged events not final yet", pending);
            } else {
                log.info("quiescence: lag {}", l);
            }
            Pause.of(Duration.ofSeconds(1));
        }
        return -1;
    }

    Verdict check(List<RequestRecord> requests, List<String> auctions, List<FaultRecord.PoisonRecord> poison,
            long quiescenceMs) throws SQLException {
        List<String> details = new ArrayList<>();
        List<RequestRecord> acked = requests.stream().filter(RequestRecord::acked).toList();
        Set<String> ackedIds = acked.stream().map(RequestRecord::eventId).collect(Collectors.toSet());

        // Duplicates: one idempotency key, one event id.
        Map<String, Set<String>> idsByKey = new HashMap<>();
        acked.forEach(r -> idsByKey.computeIfAbsent(r.idempotencyKey(), k -> new HashSet<>()).add(r.eventId()));
        long doubled = 0;
        for (var e : idsByKey.entrySet()) {
            if (e.getValue().size() > 1) {
                doubled += e.getValue().size() - 1;
                note(details, "doubled: key " + e.getKey() + " got event ids " + e.getValue());
            }
        }

        Map<String, String> statuses = statuses(ackedIds);
        long finals = ackedIds.stream().filter(id -> FINAL.contains(statuses.get(id))).count();
        long rejected = ackedIds.stream().filter(id -> "rejected".equals(statuses.get(id))).count();
        long lost = 0;
        for (String id : ackedIds) {
            if (!FINAL.contains(statuses.get(id))) {
                lost++;
                note(details, "lost: event " + id + " acknowledged, outcome " + statuses.get(id));
            }
        }

        // Leaderboard: per (auction, bidder) the highest acknowledged accepted bid.
        Map<String, BigDecimal> expected = new TreeMap<>();
        for (RequestRecord r : acked) {
            if ("accepted".equals(statuses.get(r.eventId()))) {
                expected.merge(r.auctionId() + "/" + r.bidderId(), new BigDecimal(r.amount()), BigDecimal::max);
            }
        }
        Map<String, BigDecimal> rows = bidRows(auctions);
        for (var e : expected.entrySet()) {
            BigDecimal row = rows.get(e.getKey());
            if (row == null || row.compareTo(e.getValue()) < 0) {
                lost++;
                note(details, "lost: " + e.getKey() + " row " + row + " below acknowledged " + e.getValue());
            }
        }
        Map<String, List<RequestRecord>> byBid = requests.stream().collect(Collectors.groupingBy(
                r -> r.auctionId() + "/" + r.bidderId() + "/" + new BigDecimal(r.amount()).stripTrailingZeros()));
        long refusedWithEffect = 0;
        long uncertainWithEffect = 0;
        for (var e : rows.entrySet()) {
            if (e.getKey().endsWith("/" + ChaosRun.PROBE_BIDDER)) {
                continue;
            }
            BigDecimal want = expected.get(e.getKey());
            if (want != null && e.getValue().compareTo(want) == 0) {
                continue;
            }
            List<RequestRecord> sources = byBid.getOrDefault(
                    e.getKey() + "/" + e.getValue().stripTrailingZeros(), List.of());
            if (sources.stream().anyMatch(RequestRecord::acked)) {
                continue; // an acknowledged bid whose outcome was not "accepted" yet raised the row: counted as lost above
            } else if (sources.stream().anyMatch(RequestRecord::uncertain)) {
                uncertainWithEffect++;
            } else {
                refusedWithEffect++;
                note(details, "refused request had an effect: " + e.getKey() + " = " + e.getValue() + " from "
                        + sources);
            }
        }

        int poisonFound = 0;
        long otherDeadLetters = 0;
        Set<String> poisonKeys = poison.stream().map(FaultRecord.PoisonRecord::key).collect(Collectors.toSet());
        for (String topic : List.of(Topics.BIDS_PLACED, Topics.BIDS_ACCEPTED)) {
            Map<String, Boolean> dlt = deadLetters(Topics.dlt(topic));
            for (FaultRecord.PoisonRecord p : poison) {
                if (p.topic().equals(topic) && Boolean.TRUE.equals(dlt.get(p.key()))) {
                    poisonFound++;
                } else if (p.topic().equals(topic)) {
                    note(details, "poison record " + p.key() + " not in " + Topics.dlt(topic) + " with its error");
                }
            }
            otherDeadLetters += dlt.keySet().stream().filter(k -> !k.startsWith("poison-")).count();
        }
        if (!poisonKeys.isEmpty()) {
            log.info("poison records found in dead-letter topics: {} of {}", poisonFound, poisonKeys.size());
        }
        return new Verdict(ackedIds.size(), finals, rejected, lost, doubled, refusedWithEffect, uncertainWithEffect,
                quiescenceMs >= 0, quiescenceMs, poison.size(), poisonFound, otherDeadLetters, List.copyOf(details));
    }

    private static void note(List<String> details, String line) {
        if (details.size() < MAX_DETAILS) {
            details.add(line);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(topology.jdbcUrl(), "postgres", "");
    }

    Map<String, String> statuses(Collection<String> ids) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement("SELECT event_id, status FROM events WHERE event_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    private Map<String, BigDecimal> bidRows(List<String> auctions) throws SQLException {
        Map<String, BigDecimal> out = new HashMap<>();
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT auction_id, bidder_id, amount FROM bids WHERE auction_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", auctions.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + "/" + rs.getString(2), rs.getBigDecimal(3));
                }
            }
        }
        return out;
    }

    /** Keys of every record in a dead-letter topic, with whether it carries the exception header. */
    private Map<String, Boolean> deadLetters(String topic) {
        Map<String, Boolean> out = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                topology.bootstrapServers(), "enable.auto.commit", "false", "isolation.level", "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            List<TopicPartition> tps = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
                    Header fqcn = r.headers().lastHeader(Headers.DLT_EXCEPTION_FQCN);
                    out.put(key, fqcn != null);
                }
            }
        }
        return out;
    }
}
