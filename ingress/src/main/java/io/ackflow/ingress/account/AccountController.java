package io.ackflow.ingress.account;

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
import io.ackflow.schema.event.AccountDefined;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code PUT /v1/accounts/{accountId}} (admin): publishes {@link AccountDefined}. Every limit is optional; an omitted
 * limit is not enforced by the order worker.
 */
@RestController
class AccountController {
    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9._:/-]{1,32}");

    private final RequestGate gate;
    private final JsonBodies bodies;
    private final AckResponder responder;
    private final Clock clock = Clock.systemUTC();

    AccountController(RequestGate gate, JsonBodies bodies, AckResponder responder) {
        this.gate = gate;
        this.bodies = bodies;
        this.responder = responder;
    }

    @PutMapping("/v1/accounts/{accountId}")
    AckAnswer define(@PathVariable String accountId, HttpServletRequest request) {
        Caller caller = gate.admin(request);
        String id = RequestGate.pathId("accountId", accountId);
        AccountDefined account = read(id, JsonBodies.parseObject(bodies.read(request)));
        long now = clock.millis();
        OutboundEvent event = new OutboundEvent("accounts", Topics.ACCOUNTS, id, EventIds.random(now),
                EventTypes.ACCOUNT_DEFINED, caller.id(), now, AckResponder.serialise(account));
        return responder.respond(event, HttpStatus.OK, ack -> account);
    }

    static AccountDefined read(String id, JsonFields f) {
        List<String> symbols = symbols(f);
        BigDecimal maxQuantity = f.positiveDecimal("max_quantity", 8, false);
        BigDecimal maxNotional = f.positiveDecimal("max_notional", 8, false);
        Long perMinute = f.integer("max_orders_per_minute", 1, 1_000_000, false);
        AccountDefined.TelegramTarget telegram = null;
        JsonNode t = f.object("telegram", false);
        if (t != null) {
            JsonFields tf = f.nested(t, "telegram");
            String botId = tf.id("bot_id", true);
            Long chatId = tf.integer("chat_id", Long.MIN_VALUE, Long.MAX_VALUE, true);
            if (botId != null && chatId != null) {
                telegram = new AccountDefined.TelegramTarget(botId, chatId);
            }
        }
        f.validate();
        return new AccountDefined(id, symbols, maxQuantity, maxNotional,
                perMinute == null ? null : perMinute.intValue(), telegram);
    }

    private static List<String> symbols(JsonFields f) {
        JsonNode arr = f.array("allowed_symbols", 10_000, false);
        if (arr == null) {
            return null;
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonNode s = arr.get(i);
            if (!s.isString() || !SYMBOL.matcher(s.stringValue()).matches()) {
                f.reject("allowed_symbols[" + i + "]", "must be a symbol matching [A-Za-z0-9._:/-]{1,32}");
            } else {
                out.add(s.stringValue());
            }
        }
        return new ArrayList<>(out);
    }
}
