package io.ackflow.ingress.webhook;

import io.ackflow.ingress.IngressProperties;
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
import io.ackflow.schema.event.SourceDefined;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code PUT /v1/sources/{sourceId}} (admin): publishes {@link SourceDefined}. The answer never contains the secrets or
 * the token, only how many there are.
 */
@RestController
class SourceController {
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{16,256}");
    private static final int MAX_SECRETS = 10;

    /** What a {@code PUT} answers: the definition without its secrets. */
    record SourceSummary(
            String sourceId,
            String kind,
            String accountId,
            int secrets,
            boolean hasToken,
            Integer maxBodyBytes,
            SourceDefined.RateLimit rateLimit) {
        static SourceSummary of(SourceDefined s) {
            return new SourceSummary(s.sourceId(), s.kind(), s.accountId(), s.secrets().size(), s.token() != null,
                    s.maxBodyBytes(), s.rateLimit());
        }
    }

    private final RequestGate gate;
    private final JsonBodies bodies;
    private final AckResponder responder;
    private final Clock clock = Clock.systemUTC();

    SourceController(RequestGate gate, JsonBodies bodies, AckResponder responder) {
        this.gate = gate;
        this.bodies = bodies;
        this.responder = responder;
    }

    @PutMapping("/v1/sources/{sourceId}")
    AckAnswer define(@PathVariable String sourceId, HttpServletRequest request) {
        Caller caller = gate.admin(request);
        String id = RequestGate.pathId("sourceId", sourceId);
        SourceDefined source = read(id, JsonBodies.parseObject(bodies.read(request)));
        long now = clock.millis();
        OutboundEvent event = new OutboundEvent("sources", Topics.SOURCES, id, EventIds.random(now),
                EventTypes.SOURCE_DEFINED, caller.id(), now, AckResponder.serialise(source));
        return responder.respond(event, HttpStatus.OK, ack -> SourceSummary.of(source));
    }

    static SourceDefined read(String id, JsonFields f) {
        String kind = f.oneOf("kind", Set.of(SourceDefined.KIND_TRADING, SourceDefined.KIND_GENERIC), true);
        String accountId = f.id("account_id", SourceDefined.KIND_TRADING.equals(kind));
        List<String> secrets = secrets(f);
        String token = null;
        JsonNode t = f.node().get("token");
        if (t != null && !t.isNull()) {
            if (!t.isString() || !TOKEN.matcher(t.stringValue()).matches()) {
                f.reject("token", "must be 16-256 printable ASCII characters without spaces");
            } else {
                token = t.stringValue();
            }
        }
        Long maxBody = f.integer("max_body_bytes", 1024, IngressProperties.MAX_BODY_LIMIT, false);
        SourceDefined.RateLimit rateLimit = rateLimit(f);
        if (!f.hasErrors() && secrets.isEmpty() && token == null) {
            f.reject("secrets", "at least one secret or a token is required");
        }
        f.validate();
        return new SourceDefined(id, kind, accountId, secrets, token, maxBody == null ? null : maxBody.intValue(),
                rateLimit);
    }

    private static List<String> secrets(JsonFields f) {
        List<String> out = new ArrayList<>();
        JsonNode arr = f.array("secrets", MAX_SECRETS, false);
        if (arr == null) {
            return out;
        }
        for (int i = 0; i < arr.size(); i++) {
            JsonNode s = arr.get(i);
            String field = "secrets[" + i + "]";
            if (!s.isString()) {
                f.reject(field, "must be a string whsec_<base64>");
                continue;
            }
            try {
                int n = StandardWebhooks.key(s.stringValue()).length;
                if (n < 16 || n > 128) {
                    f.reject(field, "must decode to 16-128 bytes, got " + n);
                    continue;
                }
                out.add(s.stringValue());
            } catch (IllegalArgumentException e) {
                f.reject(field, "must be whsec_ followed by base64");
            }
        }
        return out;
    }

    private static SourceDefined.RateLimit rateLimit(JsonFields f) {
        JsonNode node = f.object("rate_limit", false);
        if (node == null) {
            return null;
        }
        JsonFields r = f.nested(node, "rate_limit");
        java.math.BigDecimal perSecond = r.positiveDecimal("per_second", 3, true);
        Long burst = r.integer("burst", 1, 10_000_000, true);
        if (perSecond != null && perSecond.compareTo(java.math.BigDecimal.valueOf(1_000_000)) > 0) {
            r.reject("rate_limit.per_second", "must be at most 1000000");
            return null;
        }
        return perSecond == null || burst == null ? null
                : new SourceDefined.RateLimit(perSecond.doubleValue(), burst.intValue());
    }
}
