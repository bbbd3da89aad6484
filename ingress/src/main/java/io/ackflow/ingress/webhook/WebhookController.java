package io.ackflow.ingress.webhook;

import io.ackflow.ingress.IngressProperties;
import io.ackflow.ingress.http.AckAnswer;
import io.ackflow.ingress.http.AckResponder;
import io.ackflow.ingress.http.ApiException;
import io.ackflow.ingress.http.JsonBodies;
import io.ackflow.ingress.http.JsonFields;
import io.ackflow.ingress.http.RequestGate;
import io.ackflow.ingress.publish.OutboundEvent;
import io.ackflow.ingress.reference.ReferenceLookup;
import io.ackflow.schema.EventIds;
import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Json;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.SourceDefined;
import io.ackflow.schema.event.TradingSignal;
import io.ackflow.schema.event.WebhookReceived;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/webhooks/{sourceId}}: authenticates the sender (Standard Webhooks signature, or the source's token),
 * applies the source's size and rate limits, validates trading signals, and publishes {@link WebhookReceived} keyed by
 * account (trading) or source (generic). The event id is derived from the {@code webhook-id} (or
 * {@code Idempotency-Key}), so a redelivery gets the same id.
 */
@RestController
class WebhookController {
    private final ReferenceLookup<SourceDefined> sources;
    private final WebhookAuthenticator authenticator;
    private final RequestGate gate;
    private final JsonBodies bodies;
    private final AckResponder responder;
    private final IngressProperties.RateLimit defaultLimit;
    private final Clock clock = Clock.systemUTC();

    WebhookController(
            ReferenceLookup<SourceDefined> sources,
            WebhookAuthenticator authenticator,
            RequestGate gate,
            JsonBodies bodies,
            AckResponder responder,
            IngressProperties props) {
        this.sources = sources;
        this.authenticator = authenticator;
        this.gate = gate;
        this.bodies = bodies;
        this.responder = responder;
        this.defaultLimit = props.sourceRateLimit();
    }

    @PostMapping("/v1/webhooks/{sourceId}")
    AckAnswer receive(@PathVariable String sourceId, HttpServletRequest request) {
        String id = RequestGate.pathId("sourceId", sourceId);
        SourceDefined source = sources.find(id)
                .orElseThrow(() -> ApiException.notFound("sourceId", "no webhook source '" + id + "'"));
        int limit = source.maxBodyBytes() == null ? bodies.defaultLimit() : source.maxBodyBytes();
        byte[] body = bodies.read(request, limit);
        String deliveryId = authenticator.authenticate(source, request, body);
        limitRate(source);
        if (deliveryId == null) {
            deliveryId = RequestGate.idempotencyKey(request);
        }
        JsonNode payload = payload(source, JsonBodies.parseObject(body));
        long now = clock.millis();
        String eventId = deliveryId == null ? EventIds.random(now) : EventIds.derive("webhook:" + id, deliveryId);
        boolean trading = SourceDefined.KIND_TRADING.equals(source.kind());
        String key = trading && source.accountId() != null ? source.accountId() : id;
        WebhookReceived received = new WebhookReceived(eventId, id, source.kind(), source.accountId(), deliveryId,
                Instant.ofEpochMilli(now), payload);
        return responder.accepted(new OutboundEvent("webhooks", Topics.WEBHOOKS_RECEIVED, key, eventId,
                EventTypes.WEBHOOK_RECEIVED, id, now, AckResponder.serialise(received)));
    }

    private void limitRate(SourceDefined source) {
        SourceDefined.RateLimit rl = source.rateLimit();
        double perSecond = rl == null ? defaultLimit.perSecond() : rl.perSecond();
        int burst = rl == null ? defaultLimit.burst() : rl.burst();
        gate.limit("source:" + source.sourceId(), perSecond, burst, "source " + source.sourceId());
    }

    /** A trading source's body must be a valid signal (published normalised); other kinds pass through as JSON. */
    private static JsonNode payload(SourceDefined source, JsonFields f) {
        if (!SourceDefined.KIND_TRADING.equals(source.kind())) {
            return f.node();
        }
        TradingSignal signal = TradingSignals.read(f);
        f.validate();
        return Json.MAPPER.valueToTree(signal);
    }
}
