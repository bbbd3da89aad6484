package io.ackflow.ingress.telegram;

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
import io.ackflow.schema.event.BotDefined;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code PUT /v1/bots/{botId}} (admin): publishes {@link BotDefined}. The token and webhook secret are write-only: the
 * answer says only whether they are set.
 */
@RestController
class BotController {
    private static final Pattern TOKEN = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{1,200}");
    /** Telegram's own rule for {@code secret_token} in {@code setWebhook}. */
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    /** What a {@code PUT} answers. */
    record BotSummary(
            String botId, boolean hasToken, boolean hasWebhookSecret, String apiBaseUrl, BotDefined.Limits limits) {}

    private final RequestGate gate;
    private final JsonBodies bodies;
    private final AckResponder responder;
    private final Clock clock = Clock.systemUTC();

    BotController(RequestGate gate, JsonBodies bodies, AckResponder responder) {
        this.gate = gate;
        this.bodies = bodies;
        this.responder = responder;
    }

    @PutMapping("/v1/bots/{botId}")
    AckAnswer define(@PathVariable String botId, HttpServletRequest request) {
        Caller caller = gate.admin(request);
        String id = RequestGate.pathId("botId", botId);
        BotDefined bot = read(id, JsonBodies.parseObject(bodies.read(request)));
        long now = clock.millis();
        OutboundEvent event = new OutboundEvent("bots", Topics.BOTS, id, EventIds.random(now), EventTypes.BOT_DEFINED,
                caller.id(), now, AckResponder.serialise(bot));
        BotSummary summary = new BotSummary(id, true, bot.webhookSecret() != null, bot.apiBaseUrl(), bot.limits());
        return responder.respond(event, HttpStatus.OK, ack -> summary);
    }

    static BotDefined read(String id, JsonFields f) {
        String token = secret(f, "token", TOKEN, true, "must look like 123456:ABC-def (digits, a colon, then"
                + " letters, digits, _ or -)");
        String secret = secret(f, "webhook_secret", SECRET, false, "must be 1-256 characters A-Z, a-z, 0-9, _ or -");
        String baseUrl = baseUrl(f);
        BotDefined.Limits limits = limits(f);
        f.validate();
        return new BotDefined(id, token, secret, baseUrl, limits);
    }

    /** Secrets are checked by shape only; the message never repeats the value. */
    private static String secret(JsonFields f, String name, Pattern shape, boolean required, String rule) {
        JsonNode v = f.node().get(name);
        if (v == null || v.isNull()) {
            if (required) {
                f.reject(name, "is required");
            }
            return null;
        }
        if (!v.isString() || !shape.matcher(v.stringValue()).matches()) {
            f.reject(name, rule);
            return null;
        }
        return v.stringValue();
    }

    private static String baseUrl(JsonFields f) {
        String url = f.text("api_base_url", 500, false);
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                f.reject("api_base_url", "must be an absolute http or https URL");
                return null;
            }
            return url;
        } catch (IllegalArgumentException e) {
            f.reject("api_base_url", "must be an absolute http or https URL");
            return null;
        }
    }

    private static BotDefined.Limits limits(JsonFields f) {
        JsonNode node = f.object("limits", false);
        if (node == null) {
            return null;
        }
        JsonFields l = f.nested(node, "limits");
        BigDecimal global = l.positiveDecimal("global_per_second", 3, false);
        BigDecimal perChat = l.positiveDecimal("per_chat_per_second", 3, false);
        BigDecimal perGroup = l.positiveDecimal("per_group_per_minute", 3, false);
        return new BotDefined.Limits(
                global == null ? null : global.doubleValue(),
                perChat == null ? null : perChat.doubleValue(),
                perGroup == null ? null : perGroup.doubleValue());
    }
}
