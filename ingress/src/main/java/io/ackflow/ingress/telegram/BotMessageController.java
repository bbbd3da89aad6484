package io.ackflow.ingress.telegram;

import io.ackflow.ingress.http.AckAnswer;
import io.ackflow.ingress.http.AckResponder;
import io.ackflow.ingress.http.ApiException;
import io.ackflow.ingress.http.Caller;
import io.ackflow.ingress.http.JsonBodies;
import io.ackflow.ingress.http.JsonFields;
import io.ackflow.ingress.http.RequestGate;
import io.ackflow.ingress.publish.OutboundEvent;
import io.ackflow.ingress.reference.ReferenceLookup;
import io.ackflow.schema.EventIds;
import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Json;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.BotDefined;
import io.ackflow.schema.event.TelegramSend;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/bots/{botId}/messages} (client key): queues a {@code sendMessage} on the outbound topic, keyed by
 * chat, so it goes out within the bot's limits. The message id is the event id, derived from the
 * {@code Idempotency-Key} when given, so a retried request never sends twice.
 */
@RestController
class BotMessageController {
    /** Telegram's limit for a message text. */
    static final int MAX_TEXT = 4096;
    static final String KIND = "api";

    private final ReferenceLookup<BotDefined> bots;
    private final RequestGate gate;
    private final JsonBodies bodies;
    private final AckResponder responder;
    private final Clock clock = Clock.systemUTC();

    BotMessageController(ReferenceLookup<BotDefined> bots, RequestGate gate, JsonBodies bodies, AckResponder responder) {
        this.bots = bots;
        this.gate = gate;
        this.bodies = bodies;
        this.responder = responder;
    }

    @PostMapping("/v1/bots/{botId}/messages")
    AckAnswer send(@PathVariable String botId, HttpServletRequest request) {
        Caller caller = gate.client(request);
        String id = RequestGate.pathId("botId", botId);
        String idempotencyKey = RequestGate.idempotencyKey(request);
        JsonFields f = JsonBodies.parseObject(bodies.read(request));
        Long chatId = f.integer("chat_id", Long.MIN_VALUE, Long.MAX_VALUE, true);
        String text = f.text("text", MAX_TEXT, true);
        String parseMode = f.oneOf("parse_mode", Set.of("MarkdownV2", "Markdown", "HTML"), false);
        JsonNode replyMarkup = f.object("reply_markup", false);
        f.validate();
        if (bots.find(id).isEmpty()) {
            throw ApiException.notFound("botId", "no bot '" + id + "'");
        }
        long now = clock.millis();
        String eventId = idempotencyKey == null
                ? EventIds.random(now)
                : EventIds.derive("telegram-send:" + caller.id() + ":" + id, idempotencyKey);
        ObjectNode params = Json.MAPPER.createObjectNode();
        params.put("text", text);
        if (parseMode != null) {
            params.put("parse_mode", parseMode);
        }
        if (replyMarkup != null) {
            params.set("reply_markup", replyMarkup);
        }
        TelegramSend send = new TelegramSend(eventId, id, chatId, TelegramSend.SEND_MESSAGE, params, KIND,
                Instant.ofEpochMilli(now));
        return responder.accepted(new OutboundEvent("bot_messages", Topics.TELEGRAM_OUTBOUND, Long.toString(chatId),
                eventId, EventTypes.TELEGRAM_SEND, caller.id(), now, AckResponder.serialise(send)));
    }
}
