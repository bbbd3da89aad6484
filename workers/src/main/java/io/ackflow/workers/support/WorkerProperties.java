package io.ackflow.workers.support;

import java.time.Duration;
import io.ackflow.schema.ops.AckflowGroups;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ackflow.workers.*}: settings shared by every worker group. Defaults are in code so every role and every test
 * gets them; a bad value stops the process with a message naming the key.
 *
 * @param groups worker groups this process runs: any of {@code bids, orders, quiz, telegram-updates,
 *     telegram-sender} (default: all)
 * @param concurrency consumers per group in this process (default 1, 1-64); more than the partition count is idle
 * @param maxPollRecords records fetched per poll (default 100, 1-10000)
 * @param sessionTimeout consumer {@code session.timeout.ms}; with static membership a dead member keeps its
 *     partitions this long (default 10s, 6s-5min)
 * @param retry how transient failures are retried before a record goes to its dead-letter topic
 * @param referenceAwaitTimeout how long to wait for a reference view to catch up before rejecting a record because
 *     a definition is missing or not open (default 2s, 0-30s)
 * @param publishTimeout how long a listener waits for the broker to acknowledge what it publishes (default 10s)
 */
@ConfigurationProperties("ackflow.workers")
public record WorkerProperties(
        Set<String> groups,
        Integer concurrency,
        Integer maxPollRecords,
        Duration sessionTimeout,
        Retry retry,
        Duration referenceAwaitTimeout,
        Duration publishTimeout) {

    /** Short names of every worker group, from {@link AckflowGroups}: bids, orders, quiz, telegram-updates, ... */
    public static final Set<String> ALL_GROUPS = Set.copyOf(AckflowGroups.workerGroups().keySet());

    public WorkerProperties {
        groups = shortNames(groups);
        concurrency = concurrency == null ? 1 : concurrency;
        maxPollRecords = maxPollRecords == null ? 100 : maxPollRecords;
        sessionTimeout = sessionTimeout == null ? Duration.ofSeconds(10) : sessionTimeout;
        retry = retry == null ? new Retry(null, null, null, null) : retry;
        referenceAwaitTimeout = referenceAwaitTimeout == null ? Duration.ofSeconds(2) : referenceAwaitTimeout;
        publishTimeout = publishTimeout == null ? Duration.ofSeconds(10) : publishTimeout;
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("ackflow.workers.concurrency must be between 1 and 64, got " + concurrency);
        }
        if (maxPollRecords < 1 || maxPollRecords > 10_000) {
            throw new IllegalArgumentException(
                    "ackflow.workers.max-poll-records must be between 1 and 10000, got " + maxPollRecords);
        }
        if (sessionTimeout.compareTo(Duration.ofSeconds(6)) < 0 || sessionTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException(
                    "ackflow.workers.session-timeout must be between 6s and 5m (broker group limits), got " + sessionTimeout);
        }
        if (referenceAwaitTimeout.isNegative() || referenceAwaitTimeout.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new IllegalArgumentException(
                    "ackflow.workers.reference-await-timeout must be between 0 and 30s, got " + referenceAwaitTimeout);
        }
        if (publishTimeout.compareTo(Duration.ofMillis(100)) < 0 || publishTimeout.compareTo(Duration.ofMinutes(2)) > 0) {
            throw new IllegalArgumentException(
                    "ackflow.workers.publish-timeout must be between 100ms and 2m, got " + publishTimeout);
        }
    }

    /** Validates through {@link AckflowGroups} (one definition of the names) and keeps the short names. */
    private static Set<String> shortNames(Set<String> configured) {
        Set<String> ids = AckflowGroups.selectWorkers(configured == null ? null : String.join(",", configured));
        return AckflowGroups.workerGroups().entrySet().stream()
                .filter(e -> ids.contains(e.getValue()))
                .map(java.util.Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean runs(String group) {
        return groups.contains(group);
    }

    /**
     * Exponential backoff for transient errors. A failing record holds its partition for at most about
     * {@code maxElapsed} of waiting (plus the time of the attempts themselves), then goes to the dead-letter topic.
     *
     * @param initialInterval first wait (default 200ms)
     * @param multiplier growth per attempt (default 2.0, 1.0-10.0)
     * @param maxInterval longest single wait (default 2s)
     * @param maxElapsed total waiting before dead-lettering (default 10s, 0-5min; 0 means no retry)
     */
    public record Retry(Duration initialInterval, Double multiplier, Duration maxInterval, Duration maxElapsed) {
        public Retry {
            initialInterval = initialInterval == null ? Duration.ofMillis(200) : initialInterval;
            multiplier = multiplier == null ? 2.0 : multiplier;
            maxInterval = maxInterval == null ? Duration.ofSeconds(2) : maxInterval;
            maxElapsed = maxElapsed == null ? Duration.ofSeconds(10) : maxElapsed;
            if (initialInterval.isNegative() || initialInterval.isZero()) {
                throw new IllegalArgumentException("ackflow.workers.retry.initial-interval must be positive");
            }
            if (multiplier < 1.0 || multiplier > 10.0) {
                throw new IllegalArgumentException(
                        "ackflow.workers.retry.multiplier must be between 1.0 and 10.0, got " + multiplier);
            }
            if (maxInterval.compareTo(initialInterval) < 0) {
                throw new IllegalArgumentException("ackflow.workers.retry.max-interval (" + maxInterval
                        + ") must not be below ackflow.workers.retry.initial-interval (" + initialInterval + ")");
            }
            if (maxElapsed.isNegative() || maxElapsed.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException(
                        "ackflow.workers.retry.max-elapsed must be between 0 and 5m, got " + maxElapsed);
            }
        }
    }
}
