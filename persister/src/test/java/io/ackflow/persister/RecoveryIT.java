package io.ackflow.persister;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ackflow.persister.consume.PersisterLifecycle;
import io.ackflow.persister.consume.PersisterLoop;
import io.ackflow.persister.consume.PersisterLoops;
import io.ackflow.persister.consume.PersisterReplayTarget;
import io.ackflow.persister.upsert.FlushHook;
import io.ackflow.schema.ConsumerGroups;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.Bid;
import io.ackflow.schema.ops.ReplayRequest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** Crashes, rebalances and replays. The application's own loop is stopped; the tests run their own instances. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecoveryIT extends PersisterITSupport {
    private static final Duration STOP = Duration.ofSeconds(15);

    @Autowired
    PersisterLifecycle lifecycle;

    @Autowired
    PersisterLoops loops;

    @Autowired
    PersisterReplayTarget replayTarget;

    @BeforeAll
    void stopApplicationLoop() {
        lifecycle.stop();
    }

    @AfterAll
    void restartApplicationLoop() {
        lifecycle.start();
    }

    /** Sends {@code n} bids over 10 bidders; returns the expected row per bidder ("amount|name|event"). */
    private Map<String, String> sendBids(String auction, int n, int offset) {
        Instant t = Instant.parse("2030-01-01T10:00:00Z");
        Map<String, Bid> best = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int k = i + offset;
            Bid b = bid(auction, "b" + (k % 10), Integer.toString((k * 7919) % 1000 + 1), "n" + k, t.plusMillis(k));
            sendBid(b);
            best.merge(b.bidderId(), b, (x, y) -> y.amount().compareTo(x.amount()) > 0 ? y : x);
        }
        Map<String, String> expected = new HashMap<>();
        best.forEach((k, b) -> expected.put(k, b.amount().toPlainString() + "|" + b.displayName() + "|" + b.eventId()));
        return expected;
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new HashMap<>(a);
        b.forEach((k, v) -> m.merge(k, v, (x, y) -> amount(y) > amount(x) ? y : x));
        return m;
    }

    private static int amount(String row) {
        return Integer.parseInt(row.substring(0, row.indexOf('|')));
    }

    private void awaitStoredOffsetsAtEnd(String topic) {
        Map<TopicPartition, Long> end = endOffsets(topic);
        await().atMost(WAIT).untilAsserted(() -> {
            for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                Long stored = jdbc().query("SELECT next_offset FROM persister_offsets WHERE consumer_group = ? "
                        + "AND topic = ? AND partition = ?", rs -> rs.next() ? rs.getLong(1) : null,
                        ConsumerGroups.PERSISTER, topic, e.getKey().partition());
                assertThat(stored).as("stored offset of %s", e.getKey()).isEqualTo(e.getValue());
            }
        });
    }

    @Test
    void crashInsideAFlushThenAbruptStopThenRestartIsExact() {
        String auction = id("auction");
        AtomicBoolean crashed = new AtomicBoolean();
        // inside the flush transaction, once our rows are written but before the commit: kill the connection
        FlushHook killOnce = c -> {
            if (!crashed.get()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM bids WHERE auction_id = ?")) {
                    ps.setString(1, auction);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getInt(1) > 0 && crashed.compareAndSet(false, true)) {
                            c.createStatement().execute("SELECT pg_terminate_backend(pg_backend_pid())");
                        }
                    }
                }
            }
        };
        PersisterLoop first = loops.create("crash-1", null, killOnce);
        first.start();
        Map<String, String> expected = sendBids(auction, 100, 0);
        await().atMost(WAIT).untilTrue(crashed);
        // a kill -9 now: whatever the loop holds in memory is gone, nothing is flushed or committed
        first.abort(STOP);

        expected = merge(expected, sendBids(auction, 50, 100));
        PersisterLoop second = loops.create("crash-2", null, FlushHook.NONE);
        second.start();
        try {
            Map<String, String> want = expected;
            await().atMost(WAIT).untilAsserted(() -> assertThat(bidRows(auction)).isEqualTo(want));
            awaitStoredOffsetsAtEnd(Topics.BIDS_ACCEPTED);
            assertThat(bidRows(auction)).isEqualTo(want);
        } finally {
            second.stop(STOP);
        }
    }

    @Test
    void whileOneBatchIsWrittenTheNextWaitsAndEveryRowLandsOnce() {
        String auction = id("auction");
        AtomicInteger open = new AtomicInteger();
        AtomicInteger mostOpen = new AtomicInteger();
        AtomicInteger flushes = new AtomicInteger();
        // a slow database: every flush transaction takes 200 ms more, while records keep arriving
        FlushHook slow = c -> {
            mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_sleep(0.2)");
            } finally {
                open.decrementAndGet();
                flushes.incrementAndGet();
            }
        };
        PersisterLoop loop = loops.create("slow", null, slow);
        loop.start();
        try {
            Map<String, String> expected = sendBids(auction, 300, 0);
            await().atMost(WAIT).untilAsserted(() -> assertThat(bidRows(auction)).isEqualTo(expected));
            awaitStoredOffsetsAtEnd(Topics.BIDS_ACCEPTED);
            assertThat(flushes.get()).isGreaterThan(1);
            assertThat(mostOpen.get()).as("flush transactions open at once in one loop").isEqualTo(1);
        } finally {
            loop.stop(STOP);
        }
    }

    @Test
    void twoLoopsShareThePartitionsThroughRebalancesWithoutLossOrDuplication() {
        String auction = id("auction");
        PersisterLoop x = loops.create("share-x", null, FlushHook.NONE);
        PersisterLoop y = loops.create("share-y", null, FlushHook.NONE);
        x.start();
        Map<String, String> expected = sendBids(auction, 60, 0);
        y.start();
        await().atMost(WAIT).until(() -> !x.assignment().isEmpty() && !y.assignment().isEmpty()
                && x.assignment().stream().noneMatch(y.assignment()::contains));
        expected = merge(expected, sendBids(auction, 60, 60));
        x.stop(STOP);
        await().atMost(WAIT).until(() -> y.assignment().containsAll(
                List.of(new TopicPartition(Topics.BIDS_ACCEPTED, 0), new TopicPartition(Topics.BIDS_ACCEPTED, 1),
                        new TopicPartition(Topics.BIDS_ACCEPTED, 2))));
        expected = merge(expected, sendBids(auction, 60, 120));
        try {
            Map<String, String> want = expected;
            await().atMost(WAIT).untilAsserted(() -> assertThat(bidRows(auction)).isEqualTo(want));
            awaitStoredOffsetsAtEnd(Topics.BIDS_ACCEPTED);
        } finally {
            y.stop(STOP);
        }
    }

    @Test
    void replayFromOffsetZeroYieldsIdenticalRows() {
        String auction = id("auction");
        PersisterLoop loop = loops.create("replay", null, FlushHook.NONE);
        loop.start();
        try {
            Map<String, String> expected = sendBids(auction, 40, 0);
            await().atMost(WAIT).untilAsserted(() -> assertThat(bidRows(auction)).isEqualTo(expected));
            awaitStoredOffsetsAtEnd(Topics.BIDS_ACCEPTED);
            List<Map<String, Object>> before = jdbc().queryForList(
                    "SELECT * FROM bids ORDER BY auction_id, bidder_id");
            Timestamp requested = jdbc().queryForObject("SELECT now()", Timestamp.class);

            replayTarget.replay(new ReplayRequest("replay-test", ConsumerGroups.PERSISTER, Topics.BIDS_ACCEPTED,
                    Map.of(0, 0L, 1, 0L, 2, 0L), null, Instant.now()));

            Map<TopicPartition, Long> end = endOffsets(Topics.BIDS_ACCEPTED);
            await().atMost(WAIT).untilAsserted(() -> {
                for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                    if (e.getValue() == 0) {
                        continue;
                    }
                    Map<String, Object> row = jdbc().queryForMap("SELECT next_offset, updated_at FROM "
                            + "persister_offsets WHERE consumer_group = ? AND topic = ? AND partition = ?",
                            ConsumerGroups.PERSISTER, Topics.BIDS_ACCEPTED, e.getKey().partition());
                    assertThat(((Number) row.get("next_offset")).longValue()).isEqualTo(e.getValue());
                    assertThat((Timestamp) row.get("updated_at")).isAfterOrEqualTo(requested);
                }
            });
            assertThat(jdbc().queryForList("SELECT * FROM bids ORDER BY auction_id, bidder_id")).isEqualTo(before);
        } finally {
            loop.stop(STOP);
        }
    }
}
