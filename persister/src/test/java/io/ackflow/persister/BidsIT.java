package io.ackflow.persister;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ackflow.persister.read.AuctionLeaderboardQuery;
import io.ackflow.persister.upsert.BidRow;
import io.ackflow.persister.upsert.RowWriters;
import io.ackflow.schema.Json;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BidsIT extends PersisterITSupport {

    @Test
    void acceptedBidAppearsInLeaderboardWithDisplayName() {
        String auction = id("auction");
        Instant t = Instant.parse("2030-01-01T10:00:00Z");
        sendBid(bid(auction, "alice", "12.50", "Alice A.", t));
        sendBid(bid(auction, "bob", "20", "Bob", t.plusSeconds(1)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(
                getJson("/v1/auctions/" + auction + "/leaderboard").get("entries").size()).isEqualTo(2));
        JsonNode body = getJson("/v1/auctions/" + auction + "/leaderboard?limit=5");
        assertThat(body.get("auction_id").asString()).isEqualTo(auction);
        JsonNode first = body.get("entries").get(0);
        assertThat(first.get("rank").asInt()).isEqualTo(1);
        assertThat(first.get("bidder_id").asString()).isEqualTo("bob");
        assertThat(first.get("display_name").asString()).isEqualTo("Bob");
        assertThat(first.get("amount").decimalValue()).isEqualByComparingTo("20");
        assertThat(first.get("placed_at").asString()).isEqualTo("2030-01-01T10:00:01Z");
        assertThat(body.get("entries").get(1).get("display_name").asString()).isEqualTo("Alice A.");
    }

    @Test
    void severalBidsForOneBidderKeepTheHighestAndItsDisplayName() {
        String auction = id("auction");
        Instant t = Instant.parse("2030-01-01T10:00:00Z");
        // sent back to back: with a 50 ms flush interval most land in one batch, collapsed in Java before the upsert
        sendBid(bid(auction, "carol", "10", "c-10", t));
        sendBid(bid(auction, "carol", "30", "c-30", t.plusSeconds(2)));
        sendBid(bid(auction, "carol", "20", "c-20", t.plusSeconds(3)));
        sendBid(bid(auction, "carol", "30", "c-30-later", t.plusSeconds(4)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(bidRows(auction).get("carol")).startsWith("30|c-30|"));
    }

    @Test
    void oneStatementCollapsesSameKeyRowsOfOneBatch() throws Exception {
        String auction = id("auction");
        Instant t = Instant.parse("2030-01-01T10:00:00Z");
        List<BidRow> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(new BidRow(auction, "bidder-" + (i % 5), BigDecimal.valueOf(i), "n" + i, t.plusSeconds(i),
                    "e" + i));
        }
        try (Connection c = dataSource.getConnection()) {
            assertThat(RowWriters.BIDS.write(c, RowWriters.BIDS.collapse(rows))).isEqualTo(5);
            // written again in reverse order: nothing changes
            List<BidRow> reversed = new ArrayList<>(rows);
            java.util.Collections.reverse(reversed);
            assertThat(RowWriters.BIDS.write(c, RowWriters.BIDS.collapse(reversed))).isZero();
        }
        assertThat(bidRows(auction)).containsEntry("bidder-0", "45|n45|e45").containsEntry("bidder-4", "49|n49|e49");
    }

    @Test
    void leaderboardQueryUsesTheLeaderboardIndex() throws Exception {
        String auction = id("auction");
        Instant t = Instant.parse("2030-01-01T10:00:00Z");
        List<BidRow> rows = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            rows.add(new BidRow(auction + "-" + (i % 20), "bidder-" + i, BigDecimal.valueOf(i % 997 + 1), null,
                    t, "e" + i));
        }
        try (Connection c = dataSource.getConnection()) {
            RowWriters.BIDS.write(c, rows);
        }
        jdbc().execute("ANALYZE bids");
        String plan = String.join("\n", jdbc().queryForList(
                "EXPLAIN " + AuctionLeaderboardQuery.SQL.replaceFirst("\\?", "'" + auction + "-3'")
                        .replaceFirst("\\?", "10"), String.class));
        assertThat(plan).contains("bids_leaderboard_idx").doesNotContain("Sort");
    }

    @Test
    void readsNeedAKeyAndAValidLimit() {
        HttpResponse<String> anonymous = get("/v1/auctions/a1/leaderboard", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));

        HttpResponse<String> admin = get("/v1/auctions/a1/leaderboard", ADMIN_TOKEN);
        assertThat(admin.statusCode()).isEqualTo(200);

        HttpResponse<String> badLimit = get("/v1/auctions/a1/leaderboard?limit=5000", CLIENT_KEY);
        assertThat(badLimit.statusCode()).isEqualTo(400);
        JsonNode problem = Json.MAPPER.readTree(badLimit.body());
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("limit");
    }
}
