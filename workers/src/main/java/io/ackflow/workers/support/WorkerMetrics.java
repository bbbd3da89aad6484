package io.ackflow.workers.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The metrics of one worker group, all tagged {@code group}: records processed, outcomes by status and reason, errors by
 * exception class, processing time (a timer with percentiles) and records sent to the dead-letter topic.
 */
public final class WorkerMetrics {
    private final MeterRegistry registry;
    private final String group;
    private final Counter records;
    private final Counter deadLetters;
    private final Timer processing;

    public WorkerMetrics(MeterRegistry registry, String group) {
        this.registry = registry;
        this.group = group;
        this.records = Counter.builder("ackflow.worker.records")
                .description("Records a worker group finished processing")
                .tag("group", group)
                .register(registry);
        this.deadLetters = Counter.builder("ackflow.worker.dead.letters")
                .description("Records a worker group sent to a dead-letter topic")
                .tag("group", group)
                .register(registry);
        this.processing = Timer.builder("ackflow.worker.processing")
                .description("Time to process one record, publishing included")
                .tag("group", group)
                .publishPercentileHistogram()
                .register(registry);
    }

    public String group() {
        return group;
    }

    public Timer processing() {
        return processing;
    }

    public void processed() {
        records.increment();
    }

    public void outcome(String status, String reason) {
        Counter.builder("ackflow.worker.outcomes")
                .description("Decisions a worker group made, by status and reason")
                .tag("group", group)
                .tag("status", status)
                .tag("reason", reason == null ? "none" : reason)
                .register(registry)
                .increment();
    }

    public void error(Throwable e) {
        Counter.builder("ackflow.worker.errors")
                .description("Failed processing attempts, by exception class")
                .tag("group", group)
                .tag("exception", e.getClass().getSimpleName())
                .register(registry)
                .increment();
    }

    public void deadLettered() {
        deadLetters.increment();
    }
}
