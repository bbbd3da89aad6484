package io.ackflow.schema.event;

import java.util.List;

/**
 * A webhook source. Topic {@code SOURCES}, key source id. Holds secrets: never log it, never return them over HTTP.
 *
 * @param kind {@code trading} or {@code generic}
 * @param secrets Standard Webhooks signing secrets ({@code whsec_...}); several are valid at once for rotation
 * @param token for senders that cannot sign: a shared secret in the URL ({@code ?token=}) or {@code X-Webhook-Token}
 */
public record SourceDefined(
        String sourceId,
        String kind,
        String accountId,
        List<String> secrets,
        String token,
        Integer maxBodyBytes,
        RateLimit rateLimit) {

    public record RateLimit(double perSecond, int burst) {}

    public static final String KIND_TRADING = "trading";
    public static final String KIND_GENERIC = "generic";
}
