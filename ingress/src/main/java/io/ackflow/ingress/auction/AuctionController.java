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
import io.ackflow.schema.event.AuctionDefined;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code PUT /v1/auctions/{auctionId}} (admin): publishes {@link AuctionDefined}, answers 200 once acknowledged. */
@RestController
class AuctionController {
    private final RequestGate gate;
    private final JsonBodies bodies;
    private final AckResponder responder;
    private final Clock clock = Clock.systemUTC();

    AuctionController(RequestGate gate, JsonBodies bodies, AckResponder responder) {
        this.gate = gate;
        this.bodies = bodies;
        this.responder = responder;
    }

    @PutMapping("/v1/auctions/{auctionId}")
    AckAnswer define(@PathVariable String auctionId, HttpServletRequest request) {
        Caller caller = gate.admin(request);
        String id = RequestGate.pathId("auctionId", auctionId);
        JsonFields f = JsonBodies.parseObject(bodies.read(request));
        String title = f.text("title", 200, true);
        Instant opensAt = f.instant("opens_at", true);
        Instant closesAt = f.instant("closes_at", true);
        if (opensAt != null && closesAt != null && !opensAt.isBefore(closesAt)) {
            f.reject("closes_at", "must be after opens_at");
        }
        f.validate();
        long now = clock.millis();
        AuctionDefined auction = new AuctionDefined(id, title, opensAt, closesAt, Instant.ofEpochMilli(now));
        OutboundEvent event = new OutboundEvent("auctions", Topics.AUCTIONS, id, EventIds.random(now),
                EventTypes.AUCTION_DEFINED, caller.id(), now, AckResponder.serialise(auction));
        return responder.respond(event, HttpStatus.OK, ack -> auction);
    }
}
