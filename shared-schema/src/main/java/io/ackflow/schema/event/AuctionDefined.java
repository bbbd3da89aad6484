package io.ackflow.schema.event;

import java.time.Instant;

/** An auction as the admin defined it. Topic {@code AUCTIONS}, key auction id. */
public record AuctionDefined(String auctionId, String title, Instant opensAt, Instant closesAt, Instant updatedAt) {
    /** True when a bid placed at {@code at} falls inside [opens_at, closes_at). */
    public boolean isOpenAt(Instant at) {
        return !at.isBefore(opensAt) && at.isBefore(closesAt);
    }
}
