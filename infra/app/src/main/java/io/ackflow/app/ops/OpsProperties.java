package io.ackflow.app.ops;

import io.ackflow.schema.ops.AckflowGroups;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ackflow.ops.*}: the lag sampler of every process.
 *
 * @param lag the sampler's settings
 */
@ConfigurationProperties("ackflow.ops")
public record OpsProperties(Lag lag) {

    public OpsProperties {
        lag = lag == null ? new Lag(null, null, null, null, null) : lag;
    }

    /**
     * {@code ackflow.ops.lag.*}.
     *
     * @param enabled sample lag in this process and export gauges (default true)
     * @param interval time between samples (default 10s; 1s to 10m)
     * @param stallAfter a partition with lag whose committed offset has not moved this long is stalled (default 60s;
     *     at least {@code interval})
     * @param timeout bound on each Kafka call of a sample (default 5s; 100ms to {@code interval})
     * @param groups groups to sample (default every ackflow group)
     */
    public record Lag(Boolean enabled, Duration interval, Duration stallAfter, Duration timeout, List<String> groups) {
        public Lag {
            enabled = enabled == null || enabled;
            interval = interval == null ? Duration.ofSeconds(10) : interval;
            stallAfter = stallAfter == null ? Duration.ofSeconds(60) : stallAfter;
            timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
            groups = groups == null || groups.isEmpty() ? AckflowGroups.all() : List.copyOf(groups);
            if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("ackflow.ops.lag.interval must be between 1s and 10m, got " + interval);
            }
            if (stallAfter.compareTo(interval) < 0) {
                throw new IllegalArgumentException("ackflow.ops.lag.stall-after (" + stallAfter
                        + ") must be at least ackflow.ops.lag.interval (" + interval + ")");
            }
            if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(interval) > 0) {
                throw new IllegalArgumentException("ackflow.ops.lag.timeout must be between 100ms and"
                        + " ackflow.ops.lag.interval (" + interval + "), got " + timeout);
            }
        }
    }
}
