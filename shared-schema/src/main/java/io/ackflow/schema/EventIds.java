package io.ackflow.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Event ids. A request with an idempotency key gets an id derived from (scope, key), so a retry gets the same id from
 * any ingress instance with no shared store on the request path; downstream, every effect is keyed by that id.
 */
public final class EventIds {
    /**
     * One generator per thread: the default {@code NativePRNG} serialises every caller on one lock (ingress request
     * threads queued on it under load). A DRBG instance per thread is unpredictable and uncontended.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(EventIds::newRandom);
    /** The ackflow namespace for name-based (version 5) UUIDs. */
    private static final UUID NAMESPACE = UUID.fromString("6f1c7c5e-8a55-4c39-9d0c-a7b1f0c0ffee");

    private EventIds() {}

    /** A version 5 UUID of {@code scope + '\n' + key}: the same pair always gives the same id. */
    public static String derive(String scope, String idempotencyKey) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(toBytes(NAMESPACE));
            sha1.update((scope + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
            byte[] hash = sha1.digest();
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            return fromBytes(hash).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by the JDK", e);
        }
    }

    /** A time-ordered version 7 UUID, for requests without an idempotency key. */
    public static String random(long epochMillis) {
        byte[] b = new byte[16];
        RANDOM.get().nextBytes(b);
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (epochMillis >>> (40 - 8 * i));
        }
        b[6] = (byte) ((b[6] & 0x0f) | 0x70);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        return fromBytes(b).toString();
    }

    /** True when {@code id} is a UUID in canonical form. */
    public static boolean isValid(String id) {
        if (id == null || id.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(id).toString().equals(id.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] b = new byte[16];
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (msb >>> (56 - 8 * i));
            b[8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
        return b;
    }

    private static UUID fromBytes(byte[] b) {
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (b[i] & 0xff);
            lsb = (lsb << 8) | (b[8 + i] & 0xff);
        }
        return new UUID(msb, lsb);
    }
}
