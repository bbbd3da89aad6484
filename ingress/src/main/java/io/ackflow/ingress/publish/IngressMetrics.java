package io.ackflow.ingress.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Ingress meters: {@code ackflow.ingress.ack} (acknowledgement latency by endpoint and outcome, with a percentile
 * histogram), {@code ackflow.ingress.publish.failures}, {@code ackflow.ingress.rejections} by reason, and the
 * {@code ackflow.ingress.in.flight} gauge.
 */
public final class IngressMetrics {
    public static final String ACK = "ackflow.ingress.ack";
    public static final String PUBLISH_FAILURES = "ackflow.ingress.publish.failures";
    public static final String REJECTIONS = "ackflow.ingress.rejections";
    public static final String IN_FLIGHT = "ackflow.ingress.in.flight";

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public IngressMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void inFlight(Supplier<Number> value) {
        io.micrometer.core.instrument.Gauge.builder(IN_FLIGHT, value)
                .description("requests waiting for a broker acknowledgement")
                .register(registry);
    }

    public void acknowledged(String endpoint, String outcome, long nanos) {
        timers.computeIfAbsent(endpoint + '\n' + outcome, k -> Timer.builder(ACK)
                        .description("time from publish to the broker's acknowledgement")
                        .tag("endpoint", endpoint)
                        .tag("outcome", outcome)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(5))
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void publishFailed(String endpoint) {
        counter(PUBLISH_FAILURES, "endpoint", endpoint).increment();
    }

    /** A request refused before publishing: auth, validation, rate_limit, overloaded, too_large, ... */
    public void rejected(String reason) {
        counter(REJECTIONS, "reason", reason).increment();
    }

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(name + '\n' + value, k -> Counter.builder(name).tag(tag, value).register(registry));
    }
}
