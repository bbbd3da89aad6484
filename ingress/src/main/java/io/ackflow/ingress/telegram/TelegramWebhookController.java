package io.ackflow.ingress.telegram;

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
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.BotDefined;
import io.ackflow.schema.event.TelegramUpdateReceived;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/telegram/{botId}/webhook}: checks {@code X-Telegram-Bot-Api-Secret-Token} against the bot's
 * {@code webhook_secret} (403 when wrong or missing), publishes {@link TelegramUpdateReceived} keyed by chat, and
 * answers 200 once the broker has it. The event id is derived from (bot, update_id), so Telegram's redeliveries of an
 * update get the same id and are processed once downstream.
 */
@RestController
class TelegramWebhookController {
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private final ReferenceLookup<BotDefined> bots;
    private final JsonBodies bodies;
    private final AckResponder responder;
    private final Clock clock = Clock.systemUTC();

    TelegramWebhookController(ReferenceLookup<BotDefined> bots, JsonBodies bodies, AckResponder responder) {
        this.bots = bots;
        this.bodies = bodies;
        this.responder = responder;
    }

    @PostMapping("/v1/telegram/{botId}/webhook")
    AckAnswer receive(@PathVariable String botId, HttpServletRequest request) {
        String id = RequestGate.pathId("botId", botId);
        BotDefined bot = bots.find(id).orElseThrow(() -> ApiException.notFound("botId", "no bot '" + id + "'"));
        checkSecret(bot, request);
        JsonFields f = JsonBodies.parseObject(bodies.read(request));
        Long updateId = f.integer("update_id", 0, Long.MAX_VALUE, true);
        f.validate();
        long now = clock.millis();
        String eventId = EventIds.derive("telegram-update:" + id, Long.toString(updateId));
        TelegramUpdateReceived update = new TelegramUpdateReceived(eventId, id, updateId, Instant.ofEpochMilli(now),
                f.node());
        OutboundEvent event = new OutboundEvent("telegram_updates", Topics.TELEGRAM_UPDATES,
                TelegramUpdates.key(f.node(), updateId), eventId, EventTypes.TELEGRAM_UPDATE, id, now,
                AckResponder.serialise(update));
        return responder.respond(event, HttpStatus.OK, ack -> io.ackflow.ingress.http.Queued.of(eventId, ack));
    }

    private static void checkSecret(BotDefined bot, HttpServletRequest request) {
        java.util.List<String> presented = java.util.Collections.list(request.getHeaders(SECRET_HEADER));
        if (bot.webhookSecret() == null || presented.size() != 1) {
            throw ApiException.forbidden("missing or wrong " + SECRET_HEADER);
        }
        boolean same = MessageDigest.isEqual(
                sha256(bot.webhookSecret()), sha256(presented.get(0)));
        if (!same) {
            throw ApiException.forbidden("missing or wrong " + SECRET_HEADER);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
