package io.ackflow.ingress.auction;

import io.ackflow.ingress.http.AckAnswer;
import io.ackflow.ingress.http.AckResponder;
import io.ackflow.ingress.http.Caller;
import io.ackflow.ingress.http.JsonBodies;
import io.ackflow.ingress.http.JsonFields;
import io.ackflow.ingress.http.RequestGate;
import io.ackflow.ingress.publish.OutboundEvent;
import io.ackflow.schema.EventIds;
import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.Bid;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/auctions/{auctionId}/bids} (client key): publishes a {@link Bid} keyed by auction, answers 202 once
 * the broker has it. {@code placed_at} is the time ingress received the bid.
 */
@RestController
class BidController {
    /** Bids carry at most 8 decimals: enough for any currency or crypto amount we serve. */
    static final int AMOUNT_SCALE = 8;

    private final RequestGate gate;
    private final JsonBodies bodies;
    private final AckResponder responder;
    private final Clock clock = Clock.systemUTC();

    BidController(RequestGate gate, JsonBodies bodies, AckResponder responder) {
        this.gate = gate;
        this.bodies = bodies;
        this.responder = responder;
    }

    @PostMapping("/v1/auctions/{auctionId}/bids")
    AckAnswer place(@PathVariable String auctionId, HttpServletRequest request) {
        Caller caller = gate.client(request);
        String id = RequestGate.pathId("auctionId", auctionId);
        String idempotencyKey = RequestGate.idempotencyKey(request);
        JsonFields f = JsonBodies.parseObject(bodies.read(request));
        String bidderId = f.text("bidder_id", 128, true);
        BigDecimal amount = f.positiveDecimal("amount", AMOUNT_SCALE, true);
        String displayName = f.text("display_name", 100, false);
        f.validate();
        long now = clock.millis();
        String eventId = idempotencyKey == null
                ? EventIds.random(now)
                : EventIds.derive("bid:" + caller.id() + ":" + id, idempotencyKey);
        Bid bid = new Bid(eventId, id, bidderId, amount, displayName, Instant.ofEpochMilli(now));
        return responder.accepted(new OutboundEvent("bids", Topics.BIDS_PLACED, id, eventId, EventTypes.BID_PLACED,
                caller.id(), now, AckResponder.serialise(bid)));
    }
}
