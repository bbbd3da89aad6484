package io.ackflow.app.sweep.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures, written from the specification rather than taken from ingress, so the sweep checks
 * ingress against the spec and not against itself: {@code v1,base64(HMAC-SHA256(key, id.timestamp.body))} where the
 * key is the base64 part of {@code whsec_<base64>}.
 */
public final class WebhookSigner {
    private WebhookSigner() {}

    public static String sign(String secret, String id, String timestamp, byte[] body) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring(secret.indexOf('_') + 1));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Signs {@code request}'s body as it is now, at {@code epochSeconds}. */
    public static RawRequest signed(RawRequest request, String secret, String id, long epochSeconds) {
        String ts = Long.toString(epochSeconds);
        return request.set("webhook-id", id).set("webhook-timestamp", ts)
                .set("webhook-signature", sign(secret, id, ts, request.body()));
    }
}
