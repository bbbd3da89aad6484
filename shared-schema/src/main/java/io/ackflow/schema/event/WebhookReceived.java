package io.ackflow.schema.event;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A webhook from a registered source, signature already checked. Topic {@code WEBHOOKS_RECEIVED}, key account id for
 * trading sources, source id otherwise.
 *
 * @param deliveryId the sender's {@code webhook-id} or {@code Idempotency-Key}, if any
 * @param payload the body as JSON; for trading sources a validated {@link TradingSignal}
 */
public record WebhookReceived(
        String eventId,
        String sourceId,
        String kind,
        String accountId,
        String deliveryId,
        Instant receivedAt,
        JsonNode payload) {}
