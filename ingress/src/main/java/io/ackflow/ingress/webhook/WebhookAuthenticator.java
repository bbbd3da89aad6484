package io.ackflow.ingress.webhook;

import io.ackflow.ingress.IngressProperties;
import io.ackflow.ingress.http.ApiException;
import io.ackflow.ingress.http.RequestGate;
import io.ackflow.schema.event.SourceDefined;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Decides whether a webhook comes from its source: a Standard Webhooks signature when the request carries one (and the
 * source has secrets), else the source's token from {@code ?token=} or {@code X-Webhook-Token}. A request that carries
 * a signature is never let in by a token instead.
 */
@Component
class WebhookAuthenticator {
    static final String WEBHOOK_ID = "webhook-id";
    static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";
    static final String WEBHOOK_SIGNATURE = "webhook-signature";
    static final String TOKEN_HEADER = "X-Webhook-Token";

    private final StandardWebhooks signatures;

    @org.springframework.beans.factory.annotation.Autowired
    WebhookAuthenticator(IngressProperties props) {
        this(new StandardWebhooks(Clock.systemUTC(), props.webhookTolerance()));
    }

    WebhookAuthenticator(StandardWebhooks signatures) {
        this.signatures = signatures;
    }

    /** Returns the {@code webhook-id} of a signed request, or null for a token-authenticated one; else 401. */
    String authenticate(SourceDefined source, HttpServletRequest request, byte[] body) {
        String signature = RequestGate.singleHeader(request, WEBHOOK_SIGNATURE, 4096);
        if (signature != null) {
            return verifySignature(source, request, signature, body);
        }
        String token = token(request);
        if (token == null) {
            throw ApiException.unauthenticatedWebhook(
                    "the webhook is neither signed (webhook-signature) nor carries the source's token");
        }
        if (source.token() == null || !sameSecret(source.token(), token)) {
            throw ApiException.unauthenticatedWebhook("the token does not match the source's token");
        }
        return null;
    }

    private String verifySignature(SourceDefined source, HttpServletRequest request, String signature, byte[] body) {
        String id = RequestGate.singleHeader(request, WEBHOOK_ID);
        String timestamp = RequestGate.singleHeader(request, WEBHOOK_TIMESTAMP);
        if (id == null || timestamp == null) {
            throw ApiException.unauthenticatedWebhook("a signed webhook needs webhook-id and webhook-timestamp");
        }
        List<byte[]> keys = source.secrets() == null ? List.of()
                : source.secrets().stream().map(StandardWebhooks::key).toList();
        switch (signatures.verify(keys, id, timestamp, signature, body)) {
            case VALID:
                return id;
            case BAD_TIMESTAMP:
                throw ApiException.unauthenticatedWebhook("webhook-timestamp must be integer seconds since the epoch");
            case EXPIRED:
                throw ApiException.unauthenticatedWebhook("webhook-timestamp is outside the tolerance");
            default:
                throw ApiException.unauthenticatedWebhook("no signature matches any of the source's secrets");
        }
    }

    private static String token(HttpServletRequest request) {
        String header = RequestGate.singleHeader(request, TOKEN_HEADER, 1024);
        if (header != null) {
            return header;
        }
        String query = request.getQueryString();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("token=")) {
                try {
                    return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("token", "is not URL-encoded correctly");
                }
            }
        }
        return null;
    }

    /** Compares SHA-256 digests in constant time, so neither content nor length leaks through timing. */
    private static boolean sameSecret(String expected, String presented) {
        try {
            MessageDigest a = MessageDigest.getInstance("SHA-256");
            MessageDigest b = MessageDigest.getInstance("SHA-256");
            return MessageDigest.isEqual(a.digest(expected.getBytes(StandardCharsets.UTF_8)),
                    b.digest(presented.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
