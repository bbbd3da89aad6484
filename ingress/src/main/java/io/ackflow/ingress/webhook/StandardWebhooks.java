package io.ackflow.ingress.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signature checks: {@code webhook-signature} holds space-separated {@code v1,<base64>} entries, each
 * an HMAC-SHA256 of {@code <webhook-id>.<webhook-timestamp>.<body>} under a secret {@code whsec_<base64 key>}. Any of
 * several secrets may match (rotation). Every candidate is compared in constant time, and all of them are compared.
 */
public final class StandardWebhooks {
    public static final String SECRET_PREFIX = "whsec_";

    /** Why a signature was refused. */
    public enum Verdict {
        VALID,
        BAD_TIMESTAMP,
        EXPIRED,
        NO_MATCH
    }

    private final Clock clock;
    private final Duration tolerance;

    public StandardWebhooks(Clock clock, Duration tolerance) {
        this.clock = clock;
        this.tolerance = tolerance;
    }

    public Verdict verify(List<byte[]> keys, String id, String timestamp, String signatureHeader, byte[] body) {
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return Verdict.BAD_TIMESTAMP;
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - ts) > tolerance.toSeconds()) {
            return Verdict.EXPIRED;
        }
        List<byte[]> presented = presented(signatureHeader);
        boolean match = false;
        for (byte[] key : keys) {
            byte[] expected = sign(key, id, timestamp, body);
            for (byte[] p : presented) {
                match |= MessageDigest.isEqual(expected, p);
            }
        }
        return match ? Verdict.VALID : Verdict.NO_MATCH;
    }

    /** The HMAC key of a {@code whsec_...} secret; throws IllegalArgumentException when it is not one. */
    public static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("must start with " + SECRET_PREFIX);
        }
        return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    }

    /** The signature header value for one secret, as a sender computes it (used by tests and tools). */
    public static String signature(String secret, String id, String timestamp, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(sign(key(secret), id, timestamp, body));
    }

    static byte[] sign(byte[] key, String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the JDK", e);
        }
    }

    private static List<byte[]> presented(String header) {
        List<byte[]> out = new ArrayList<>();
        for (String part : header.trim().split(" +")) {
            int comma = part.indexOf(',');
            if (comma > 0 && part.substring(0, comma).equals("v1")) {
                try {
                    out.add(Base64.getDecoder().decode(part.substring(comma + 1)));
                } catch (IllegalArgumentException e) {
                    // not base64: cannot match; keep checking the others
                }
            }
        }
        return out;
    }
}
