package io.ackflow.workers.bids;

import io.ackflow.schema.event.AuctionDefined;
import io.ackflow.schema.event.Bid;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The rules a bid must pass, in order: a positive amount, a known auction, and an auction open at the bid's
 * {@code placed_at} ({@code opens_at <= placed_at < closes_at}). {@code reason} is null when accepted.
 */
public record BidDecision(String reason) {
    public static final String AMOUNT_NOT_POSITIVE = "amount_not_positive";
    public static final String UNKNOWN_AUCTION = "unknown_auction";
    public static final String AUCTION_NOT_OPEN = "auction_not_open";
    public static final String AUCTION_CLOSED = "auction_closed";

    public static final BidDecision ACCEPT = new BidDecision(null);

    public boolean accepted() {
        return reason == null;
    }

    /** Whether a fresher view of the auction could change this decision. */
    public boolean dependsOnAuction() {
        return reason != null && !AMOUNT_NOT_POSITIVE.equals(reason);
    }

    public static BidDecision decide(Bid bid, Optional<AuctionDefined> auction) {
        if (bid.amount().compareTo(BigDecimal.ZERO) <= 0) {
            return new BidDecision(AMOUNT_NOT_POSITIVE);
        }
        if (auction.isEmpty()) {
            return new BidDecision(UNKNOWN_AUCTION);
        }
        AuctionDefined a = auction.get();
        if (bid.placedAt().isBefore(a.opensAt())) {
            return new BidDecision(AUCTION_NOT_OPEN);
        }
        if (!bid.placedAt().isBefore(a.closesAt())) {
            return new BidDecision(AUCTION_CLOSED);
        }
        return ACCEPT;
    }
}
