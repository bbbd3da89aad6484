package io.ackflow.ingress;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code ackflow.ingress.*}. Every key has a default here, so every role and every module test gets the same values;
 * {@code docs/configuration/ingress.md} lists them with their limits. A bad value stops the process.
 *
 * @param ackTimeout longest wait for the broker's acknowledgement before answering 503 (default 1s, 100ms..30s); it is
 *     also the producer's {@code delivery.timeout.ms}, so a record answered 503 is never written later by a retry
 * @param linger the producer's {@code linger.ms} (default 1ms, 0..100ms)
 * @param maxInFlight requests waiting for an acknowledgement at once; more get 503 (default 4096, 1..1,000,000)
 * @param maxBodySize largest request body (default 64KB, 1KB..512KB); a source's {@code max_body_bytes} overrides it
 * @param webhookTolerance how far a {@code webhook-timestamp} may be from now (default 5m, 1s..1h)
 * @param clientRateLimit token bucket per client key (default 1000/s, burst 2000)
 * @param sourceRateLimit token bucket for sources that define no {@code rate_limit} (default 100/s, burst 200)
 * @param referenceWait how long a request for an unknown source or bot waits for the reference view to catch up before
 *     answering 404 (default 500ms, 0..5s)
 * @param healthProbeInterval how often the background broker probe runs (default 2s, 100ms..1m)
 * @param healthProbeTimeout timeout of one broker probe (default 1s, 50ms..10s)
 * @param directRoutes serve the publishing routes in front of the MVC dispatcher (default true); false sends every
 *     request through the dispatcher, for comparison
 */
@ConfigurationProperties("ackflow.ingress")
public record IngressProperties(
        Duration ackTimeout,
        Duration linger,
        Integer maxInFlight,
        DataSize maxBodySize,
        Duration webhookTolerance,
        RateLimit clientRateLimit,
        RateLimit sourceRateLimit,
        Duration referenceWait,
        Duration healthProbeInterval,
        Duration healthProbeTimeout,
        Boolean directRoutes) {

    /** Largest body any request or source may allow: stays well under Kafka's default 1MB record limit. */
    public static final int MAX_BODY_LIMIT = 512 * 1024;

    public IngressProperties {
        ackTimeout = within("ack-timeout", ackTimeout, Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(30));
        linger = within("linger", linger, Duration.ofMillis(1), Duration.ZERO, Duration.ofMillis(100));
        maxInFlight = maxInFlight == null ? 4096 : maxInFlight;
        if (maxInFlight < 1 || maxInFlight > 1_000_000) {
            throw new IllegalArgumentException(
                    "ackflow.ingress.max-in-flight must be between 1 and 1000000, got " + maxInFlight);
        }
        maxBodySize = maxBodySize == null ? DataSize.ofKilobytes(64) : maxBodySize;
        if (maxBodySize.toBytes() < 1024 || maxBodySize.toBytes() > MAX_BODY_LIMIT) {
            throw new IllegalArgumentException("ackflow.ingress.max-body-size must be between 1KB and 512KB, got "
                    + maxBodySize.toBytes() + " bytes");
        }
        webhookTolerance = within("webhook-tolerance", webhookTolerance, Duration.ofMinutes(5), Duration.ofSeconds(1),
                Duration.ofHours(1));
        clientRateLimit = clientRateLimit == null ? new RateLimit(1000.0, 2000) : clientRateLimit;
        clientRateLimit.check("client-rate-limit");
        sourceRateLimit = sourceRateLimit == null ? new RateLimit(100.0, 200) : sourceRateLimit;
        sourceRateLimit.check("source-rate-limit");
        directRoutes = directRoutes == null || directRoutes;
        referenceWait = within("reference-wait", referenceWait, Duration.ofMillis(500), Duration.ZERO,
                Duration.ofSeconds(5));
        healthProbeInterval = within("health-probe-interval", healthProbeInterval, Duration.ofSeconds(2),
                Duration.ofMillis(100), Duration.ofMinutes(1));
        healthProbeTimeout = within("health-probe-timeout", healthProbeTimeout, Duration.ofSeconds(1),
                Duration.ofMillis(50), Duration.ofSeconds(10));
    }

    /** Defaults for every key. */
    public static IngressProperties defaults() {
        return new IngressProperties(null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * A token bucket: {@code perSecond} tokens are added each second up to {@code burst}.
     *
     * @param perSecond sustained rate (0.001..1,000,000)
     * @param burst bucket size (1..10,000,000)
     */
    public record RateLimit(Double perSecond, Integer burst) {
        void check(String key) {
            if (perSecond == null || !(perSecond >= 0.001 && perSecond <= 1_000_000)) {
                throw new IllegalArgumentException(
                        "ackflow.ingress." + key + ".per-second must be between 0.001 and 1000000, got " + perSecond);
            }
            if (burst == null || burst < 1 || burst > 10_000_000) {
                throw new IllegalArgumentException(
                        "ackflow.ingress." + key + ".burst must be between 1 and 10000000, got " + burst);
            }
        }
    }

    private static Duration within(String key, Duration value, Duration dflt, Duration min, Duration max) {
        Duration v = value == null ? dflt : value;
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new IllegalArgumentException(
                    "ackflow.ingress." + key + " must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }
}
