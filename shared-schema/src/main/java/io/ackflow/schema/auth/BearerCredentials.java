package io.ackflow.schema.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Checks {@code Authorization: Bearer ...} values in constant time. A client key is identified in metrics, rate limits
 * and event ids by its {@link #keyId(String) key id}, a hash prefix, never by the key itself.
 */
public final class BearerCredentials {
    private final byte[] adminToken;
    private final List<byte[]> apiKeys;
    private final List<String> apiKeyIds;

    public BearerCredentials(AccessProperties props) {
        this.adminToken = props.adminToken().getBytes(StandardCharsets.UTF_8);
        this.apiKeys = props.apiKeys().stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
        this.apiKeyIds = props.apiKeys().stream().map(BearerCredentials::keyId).toList();
    }

    /** The token from an {@code Authorization} header value, if it is a bearer token. */
    public static Optional<String> bearer(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.length() < 8) {
            return Optional.empty();
        }
        if (!authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorizationHeader.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    public boolean isAdmin(String authorizationHeader) {
        return bearer(authorizationHeader)
                .map(t -> MessageDigest.isEqual(adminToken, t.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }

    /** The key id of the client key in the header, if it is one of ours. Checks every key to keep timing flat. */
    public Optional<String> clientKeyId(String authorizationHeader) {
        Optional<String> token = bearer(authorizationHeader);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = token.get().getBytes(StandardCharsets.UTF_8);
        String match = null;
        for (int i = 0; i < apiKeys.size(); i++) {
            if (MessageDigest.isEqual(apiKeys.get(i), presented)) {
                match = apiKeyIds.get(i);
            }
        }
        return Optional.ofNullable(match);
    }

    /** {@code key_} + the first 12 hex digits of SHA-256(key): stable, and safe to log. */
    public static String keyId(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "key_" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
