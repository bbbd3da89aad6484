package io.ackflow.bench.ingress;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhooks per Standard Webhooks: {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}, keyed by the
 * base64-decoded part of the secret after {@code whsec_}. Not thread-safe (one {@link Mac}); the generator signs on
 * its one sender thread.
 */
final class WebhookSigner {
    static final String SECRET_PREFIX = "whsec_";

    private final Mac mac;

    WebhookSigner(String secret) {
        if (!secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a Standard Webhooks secret starts with " + SECRET_PREFIX);
        }
        byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** The {@code webhook-signature} header value. */
    String sign(String id, long timestampSeconds, byte[] body) {
        mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
        byte[] sig = mac.doFinal(body);
        return "v1," + Base64.getEncoder().encodeToString(sig);
    }
}
