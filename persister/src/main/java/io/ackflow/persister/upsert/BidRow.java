package io.ackflow.persister.upsert;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;

/**
 * A row of {@code bids}: the highest bid per (auction, bidder). Ties: the earlier {@code placedAt}, then the smaller
 * event id. The display name follows the winning bid.
 */
public record BidRow(
        String auctionId, String bidderId, BigDecimal amount, String displayName, Instant placedAt, String eventId) {

    /** Orders bids so that the winner is the greatest. */
    public static final Comparator<BidRow> RULE = Comparator.comparing(BidRow::amount)
            .thenComparing(BidRow::placedAt, Comparator.reverseOrder())
            .thenComparing(BidRow::eventId, Comparator.reverseOrder());

    /** The bid that wins between two for the same key, whatever their order. */
    public static BidRow winner(BidRow a, BidRow b) {
        return RULE.compare(b, a) > 0 ? b : a;
    }
}
