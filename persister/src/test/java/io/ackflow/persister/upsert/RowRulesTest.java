package io.ackflow.persister.upsert;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RowRulesTest {
    private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void bidCollapseIsOrderIndependent() {
        List<BidRow> rows = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            rows.add(new BidRow("a", "b" + random.nextInt(5), BigDecimal.valueOf(random.nextInt(20)), "n" + i,
                    T.plusSeconds(random.nextInt(3)), String.format("e%03d", i)));
        }
        List<BidRow> once = RowWriters.BIDS.collapse(rows);
        Collections.shuffle(rows, random);
        List<BidRow> shuffled = RowWriters.BIDS.collapse(rows);
        assertThat(shuffled).containsExactlyInAnyOrderElementsOf(once).hasSize(5);
    }

    @Test
    void collapsedRowsComeOutInKeyOrderSoWritersLockRowsInTheSameOrder() {
        List<BidRow> rows = new ArrayList<>();
        for (String key : List.of("b/2", "a/9", "b/1", "a/10", "b/2")) {
            String[] k = key.split("/");
            rows.add(new BidRow(k[0], k[1], BigDecimal.ONE, null, T, "e-" + key));
        }
        assertThat(RowWriters.BIDS.collapse(rows))
                .extracting(r -> r.auctionId() + "/" + r.bidderId())
                .containsExactly("a/10", "a/9", "b/1", "b/2");
    }

    @Test
    void bidTiesGoToTheEarlierThenTheSmallerEventId() {
        BidRow early = new BidRow("a", "b", new BigDecimal("10.0"), "early", T, "e2");
        BidRow late = new BidRow("a", "b", new BigDecimal("10"), "late", T.plusSeconds(1), "e1");
        BidRow sameTime = new BidRow("a", "b", new BigDecimal("10"), "same", T, "e1");
        assertThat(BidRow.winner(early, late)).isSameAs(early);
        assertThat(BidRow.winner(late, early)).isSameAs(early);
        assertThat(BidRow.winner(early, sameTime)).isSameAs(sameTime);
    }

    @Test
    void firstAnswerCounts() {
        AnswerRow first = new AnswerRow("q", "u", "1", "a", true, 10, T, "e9", 1L);
        AnswerRow second = new AnswerRow("q", "u", "1", "b", false, 0, T.plusSeconds(1), "e1", 1L);
        assertThat(RowWriters.ANSWERS.collapse(List.of(second, first))).containsExactly(first);
    }

    @Test
    void orderStatusOnlyMovesForwardAndFillsMerge() {
        OrderRow filled = order("filled", 2, new BigDecimal("5"), T.plusSeconds(2));
        OrderRow created = order("created", 0, null, T);
        OrderRow merged = OrderRow.merge(filled, created);
        assertThat(merged.status()).isEqualTo("filled");
        assertThat(merged.filledQuantity()).isEqualByComparingTo("5");
        assertThat(merged.createdAt()).isEqualTo(T);
        assertThat(merged.updatedAt()).isEqualTo(T.plusSeconds(2));
    }

    @Test
    void firstFinalOutcomeBeatsQueuedAndStays() {
        EventRow queued = new EventRow("e", "bid.placed", "queued", null, T, null, "{}");
        EventRow rejected = new EventRow("e", null, "rejected", "closed", null, T.plusSeconds(1), "{}");
        EventRow accepted = new EventRow("e", null, "accepted", null, null, T.plusSeconds(2), "{}");
        EventRow merged = RowWriters.EVENTS.collapse(List.of(queued, rejected, accepted, queued)).get(0);
        assertThat(merged.status()).isEqualTo("rejected");
        assertThat(merged.receivedAt()).isEqualTo(T);
        assertThat(merged.eventType()).isEqualTo("bid.placed");
    }

    @Test
    void upsertStatementIsOneUnnestInsert() {
        assertThat(RowWriters.BIDS.sql())
                .startsWith("INSERT INTO bids (auction_id, bidder_id, amount, display_name, placed_at, event_id)")
                .contains("FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])")
                .contains("ON CONFLICT (auction_id, bidder_id) DO UPDATE SET");
    }

    private static OrderRow order(String status, int rank, BigDecimal filled, Instant at) {
        return new OrderRow("o", "acct", null, status, rank, "AAPL", "buy", BigDecimal.TEN, null, "market", filled,
                null, null, null, at, at);
    }
}
