package io.ackflow.schema.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A bid. On {@code BIDS_PLACED} as ingress received it; on {@code BIDS_ACCEPTED} once the bid worker accepted it.
 * Key: auction id. {@code placedAt} is when ingress received it.
 */
public record Bid(
        String eventId, String auctionId, String bidderId, BigDecimal amount, String displayName, Instant placedAt) {}
