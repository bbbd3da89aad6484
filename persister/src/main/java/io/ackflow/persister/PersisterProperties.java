package io.ackflow.persister;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ackflow.persister.*}. Every value has a default in code, so module tests and every role get the same
 * settings; a bad value stops the process with a message naming the key. docs/configuration/persister.md lists them.
 *
 * @param enabled run the consume loops (default true); the read side is served either way
 * @param loops consume loops in this process, each its own consumer in the group (so they split the partitions) with
 *     its own flush thread and at most one connection at a time (default 2, 1-16)
 * @param flushInterval flush a non-empty buffer this long after its first record arrived (default 500ms, 1ms-60s)
 * @param maxBatchRows flush as soon as the buffer holds this many records (default 5000, 1-100000)
 * @param maxPollRecords {@code max.poll.records} of the consumer (default 500, 1-10000)
 * @param pollTimeout longest a poll blocks when nothing is buffered (default 100ms, 1ms-5s)
 * @param retry backoff while the database is unavailable
 * @param outbox the outbox relay that publishes quiz result messages
 * @param dltSendTimeout how long a flush waits for the broker to acknowledge dead letters (default 10s)
 * @param shutdownTimeout how long a graceful stop waits for the loop to flush and leave (default 15s)
 */
@ConfigurationProperties("ackflow.persister")
public record PersisterProperties(
        Boolean enabled,
        Integer loops,
        Duration flushInterval,
        Integer maxBatchRows,
        Integer maxPollRecords,
        Duration pollTimeout,
        Retry retry,
        Outbox outbox,
        Duration dltSendTimeout,
        Duration shutdownTimeout) {

    public static final String PREFIX = "ackflow.persister";

    public PersisterProperties {
        enabled = enabled == null || enabled;
        loops = within(loops, 2, 1, 16, "loops");
        flushInterval = within(flushInterval, Duration.ofMillis(500), Duration.ofMillis(1), Duration.ofSeconds(60),
                "flush-interval");
        maxBatchRows = within(maxBatchRows, 5000, 1, 100_000, "max-batch-rows");
        maxPollRecords = within(maxPollRecords, 500, 1, 10_000, "max-poll-records");
        pollTimeout = within(pollTimeout, Duration.ofMillis(100), Duration.ofMillis(1), Duration.ofSeconds(5),
                "poll-timeout");
        retry = retry == null ? new Retry(null, null, null) : retry;
        outbox = outbox == null ? new Outbox(null, null, null) : outbox;
        dltSendTimeout = within(dltSendTimeout, Duration.ofSeconds(10), Duration.ofMillis(100),
                Duration.ofMinutes(5), "dlt-send-timeout");
        shutdownTimeout = within(shutdownTimeout, Duration.ofSeconds(15), Duration.ofMillis(100),
                Duration.ofMinutes(5), "shutdown-timeout");
    }

    /** Defaults everywhere: what a process gets with no {@code ackflow.persister.*} keys set. */
    public static PersisterProperties defaults() {
        return new PersisterProperties(null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * {@code ackflow.persister.retry.*}: exponential backoff between flush attempts while the database is down.
     *
     * @param initialBackoff first wait (default 100ms, 1ms-1min)
     * @param maxBackoff longest wait (default 5s, at least initial-backoff, at most 10min)
     * @param multiplier growth per failed attempt (default 2.0, 1.0-10.0)
     */
    public record Retry(Duration initialBackoff, Duration maxBackoff, Double multiplier) {
        public Retry {
            initialBackoff = within(initialBackoff, Duration.ofMillis(100), Duration.ofMillis(1),
                    Duration.ofMinutes(1), "retry.initial-backoff");
            maxBackoff = within(maxBackoff, Duration.ofSeconds(5), initialBackoff, Duration.ofMinutes(10),
                    "retry.max-backoff");
            multiplier = multiplier == null ? 2.0 : multiplier;
            if (!(multiplier >= 1.0 && multiplier <= 10.0)) {
                throw new IllegalArgumentException(PREFIX + ".retry.multiplier must be between 1.0 and 10.0, got "
                        + multiplier);
            }
        }

        /** The wait before attempt {@code failures + 1}, given {@code failures} consecutive failures (at least 1). */
        public Duration backoff(int failures) {
            double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, failures - 1));
            return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
        }
    }

    /**
     * {@code ackflow.persister.outbox.*}.
     *
     * @param pollInterval how often the relay looks for unpublished rows when not woken by a flush (default 500ms,
     *     10ms-1min)
     * @param batchSize rows published per relay round (default 500, 1-10000)
     * @param sendTimeout how long the relay waits for the broker's acknowledgement (default 10s)
     */
    public record Outbox(Duration pollInterval, Integer batchSize, Duration sendTimeout) {
        public Outbox {
            pollInterval = within(pollInterval, Duration.ofMillis(500), Duration.ofMillis(10), Duration.ofMinutes(1),
                    "outbox.poll-interval");
            batchSize = within(batchSize, 500, 1, 10_000, "outbox.batch-size");
            sendTimeout = within(sendTimeout, Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(5),
                    "outbox.send-timeout");
        }
    }

    private static Duration within(Duration value, Duration dflt, Duration min, Duration max, String key) {
        Duration v = value == null ? dflt : value;
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new IllegalArgumentException(
                    PREFIX + "." + key + " must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }

    private static int within(Integer value, int dflt, int min, int max, String key) {
        int v = value == null ? dflt : value;
        if (v < min || v > max) {
            throw new IllegalArgumentException(
                    PREFIX + "." + key + " must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }
}
