package io.ackflow.app.bench;

import java.net.URI;
import java.util.Objects;

/** The stack under test: its base URL and credentials. Loopback only is enforced by the runner, not here. */
public record Target(URI baseUrl, String adminToken, String apiKey) {
    public Target {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException("--admin-token (or ACKFLOW_ADMIN_TOKEN) is required");
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("--api-key (or ACKFLOW_API_KEYS) is required");
        }
        String s = baseUrl.toString();
        if (s.endsWith("/")) {
            baseUrl = URI.create(s.substring(0, s.length() - 1));
        }
    }

    public URI resolve(String path) {
        return URI.create(baseUrl + path);
    }
}
