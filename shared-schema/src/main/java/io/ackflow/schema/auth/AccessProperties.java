package io.ackflow.schema.auth;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ackflow.security.*}. Bound from {@code ACKFLOW_ADMIN_TOKEN} and {@code ACKFLOW_API_KEYS} (comma-separated).
 * Both are required outside dev mode; dev mode generates and prints them.
 *
 * @param adminToken bearer token for admin endpoints ({@code PUT /v1/auctions/...}, sources, bots, ...), at least 16
 *     characters
 * @param apiKeys bearer keys for client endpoints (bids, answers, reads), each at least 16 characters
 */
@ConfigurationProperties("ackflow.security")
public record AccessProperties(String adminToken, List<String> apiKeys) {
    public static final int MIN_LENGTH = 16;

    public AccessProperties {
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException(
                    "ackflow.security.admin-token (ACKFLOW_ADMIN_TOKEN) is required outside dev mode");
        }
        if (adminToken.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("ackflow.security.admin-token (ACKFLOW_ADMIN_TOKEN) must be at least "
                    + MIN_LENGTH + " characters");
        }
        apiKeys = apiKeys == null ? List.of() : apiKeys.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (apiKeys.isEmpty()) {
            throw new IllegalArgumentException(
                    "ackflow.security.api-keys (ACKFLOW_API_KEYS) needs at least one key outside dev mode");
        }
        for (String k : apiKeys) {
            if (k.length() < MIN_LENGTH) {
                throw new IllegalArgumentException("every key in ackflow.security.api-keys (ACKFLOW_API_KEYS) must be"
                        + " at least " + MIN_LENGTH + " characters; one has " + k.length());
            }
        }
    }

    @Override
    public String toString() {
        return "AccessProperties[adminToken=****, apiKeys=" + apiKeys.size() + " keys]";
    }
}
