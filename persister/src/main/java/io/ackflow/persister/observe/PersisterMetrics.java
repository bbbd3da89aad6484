package io.ackflow.persister.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The persister's Micrometer meters, named {@code ackflow.persister.*}. */
public final class PersisterMetrics {
    private final MeterRegistry registry;
    private final DistributionSummary batchSize;
    private final Timer flushDuration;
    private final Timer persistLag;
    private final Counter retries;
    private final Counter pauses;
    private final Counter records;
    private final Counter fenced;
    private final Counter outboxPublished;
    private final ConcurrentMap<String, Counter> rowsWritten = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> deadLettered = new ConcurrentHashMap<>();

    public PersisterMetrics(MeterRegistry registry, DatabaseState state) {
        this.registry = registry;
        this.batchSize = DistributionSummary.builder("ackflow.persister.batch.size")
                .description("Records per committed batch")
                .baseUnit("records")
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(100_000.0)
                .register(registry);
        this.flushDuration = Timer.builder("ackflow.persister.flush.duration")
                .description("Time to write and commit one batch")
                .publishPercentileHistogram()
                .publishPercentiles(0.5, 0.99)
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        this.persistLag = Timer.builder("ackflow.persister.persist.lag")
                .description("From ingress acknowledgement (ackflow-ingress-ms header) to the committed row")
                .publishPercentileHistogram()
                .publishPercentiles(0.5, 0.99)
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        this.retries = Counter.builder("ackflow.persister.retries")
                .description("Flush attempts that failed with the database unavailable and will be retried")
                .register(registry);
        this.pauses = Counter.builder("ackflow.persister.pauses")
                .description("Times consumption was paused because the database was unavailable")
                .register(registry);
        this.records = Counter.builder("ackflow.persister.records")
                .description("Records committed (rows, ignored and dead-lettered)")
                .register(registry);
        this.fenced = Counter.builder("ackflow.persister.fenced")
                .description("Batches refused because another instance or a replay had moved the stored offset")
                .register(registry);
        this.outboxPublished = Counter.builder("ackflow.persister.outbox.published")
                .description("Outbox rows published to Kafka")
                .register(registry);
        registry.gauge("ackflow.persister.paused", state, s -> s.isPaused() ? 1.0 : 0.0);
    }

    public void batch(int records, long nanos) {
        batchSize.record(records);
        flushDuration.record(Duration.ofNanos(nanos));
        this.records.increment(records);
    }

    public void rowsWritten(String table, int rows) {
        rowsWritten.computeIfAbsent(table, t -> Counter.builder("ackflow.persister.rows.written")
                        .description("Rows inserted or changed, per table")
                        .tag("table", t)
                        .register(registry))
                .increment(rows);
    }

    public void persistLag(long millis) {
        if (millis >= 0) {
            persistLag.record(Duration.ofMillis(millis));
        }
    }

    public void deadLettered(String topic) {
        deadLettered.computeIfAbsent(topic, t -> Counter.builder("ackflow.persister.dlt")
                        .description("Records sent to the dead-letter topic, by original topic")
                        .tag("topic", t)
                        .register(registry))
                .increment();
    }

    public void retry() {
        retries.increment();
    }

    public void pause() {
        pauses.increment();
    }

    public void fenced() {
        fenced.increment();
    }

    public void outboxPublished(int n) {
        outboxPublished.increment(n);
    }
}
