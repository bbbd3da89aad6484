package io.ackflow.app.ops;

import io.ackflow.app.ops.lag.LagProbe;
import io.ackflow.app.ops.lag.LagTracker;
import io.ackflow.app.ops.lag.PartitionLag;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Samples lag every {@code ackflow.ops.lag.interval} on its own thread and publishes it as gauges tagged
 * {@code group}, {@code topic}, {@code partition}: {@code ackflow.consumer.lag.records}, {@code .lag.seconds},
 * {@code ackflow.consumer.rate}, {@code ackflow.consumer.drain.seconds} (+Inf while not draining) and
 * {@code ackflow.consumer.stalled} (1 or 0). A failed sample keeps the last values and counts
 * {@code ackflow.ops.lag.sample.failures}.
 */
public final class LagSampler implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(LagSampler.class);

    private final Map<String, Object> clientProperties;
    private final OpsProperties.Lag settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final LagTracker tracker;
    private final AtomicReference<Snapshot> latest = new AtomicReference<>(new Snapshot(null, List.of(), null));
    private final Map<String, MultiGauge> gauges;
    private ScheduledExecutorService executor;
    private LagProbe probe;
    private volatile boolean failing;

    /** The latest sample: when, what, and the error if the last attempt failed. */
    public record Snapshot(Instant sampledAt, List<PartitionLag> partitions, String error) {}

    public LagSampler(Map<String, Object> clientProperties, OpsProperties.Lag settings, Clock clock,
            MeterRegistry meters) {
        this.clientProperties = clientProperties;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
        this.tracker = new LagTracker(settings.stallAfter(), Duration.ofMinutes(1));
        this.gauges = Map.of(
                // names carry their units; no base unit, so Prometheus names stay exactly these
                "lag", gauge("ackflow.consumer.lag.records", "Committed offset behind the high watermark"),
                "seconds", gauge("ackflow.consumer.lag.seconds", "Age of the oldest unconsumed record"),
                "rate", gauge("ackflow.consumer.rate", "Records per second the group commits"),
                "drain", gauge("ackflow.consumer.drain.seconds", "Estimated seconds to drain the lag"),
                "stalled", gauge("ackflow.consumer.stalled", "1 when lag is present and offsets do not move"));
    }

    private MultiGauge gauge(String name, String description) {
        return MultiGauge.builder(name).description(description).register(meters);
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        probe = new LagProbe(clientProperties, settings.timeout(), clock);
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ackflow-lag-sampler");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::sampleSafely, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
        log.info("Sampling lag of {} every {}", settings.groups(), settings.interval());
    }

    /** Takes one sample now (the scheduled thread does this on its own; tests call it to avoid waiting). */
    public synchronized Snapshot sampleNow() {
        List<PartitionLag> lags = tracker.update(probe.sample(settings.groups()));
        Snapshot s = new Snapshot(clock.instant(), lags, null);
        latest.set(s);
        publish(lags);
        return s;
    }

    private void sampleSafely() {
        try {
            sampleNow();
            if (failing) {
                log.info("Lag sampling recovered");
                failing = false;
            }
        } catch (RuntimeException e) {
            meters.counter("ackflow.ops.lag.sample.failures").increment();
            Snapshot previous = latest.get();
            latest.set(new Snapshot(previous.sampledAt(), previous.partitions(), e.getMessage()));
            if (!failing) {
                log.warn("Lag sampling failed; keeping the last values: {}", e.getMessage());
                failing = true;
            }
        }
    }

    private void publish(List<PartitionLag> lags) {
        gauges.get("lag").register(rows(lags, l -> l.lag()), true);
        gauges.get("seconds").register(rows(lags, l -> l.lagSeconds() == null ? Double.NaN : l.lagSeconds()), true);
        gauges.get("rate").register(rows(lags, l -> l.consumeRate() == null ? Double.NaN : l.consumeRate()), true);
        gauges.get("drain").register(rows(lags, l -> l.drainSeconds() != null ? l.drainSeconds()
                : l.consumeRate() == null ? Double.NaN : Double.POSITIVE_INFINITY), true);
        gauges.get("stalled").register(rows(lags, l -> l.stalled() ? 1 : 0), true);
    }

    private static List<MultiGauge.Row<?>> rows(List<PartitionLag> lags, ToDoubleFunction<PartitionLag> value) {
        return lags.stream()
                .<MultiGauge.Row<?>>map(l -> MultiGauge.Row.of(
                        Tags.of("group", l.group(), "topic", l.topic(), "partition", String.valueOf(l.partition())),
                        value.applyAsDouble(l)))
                .toList();
    }

    public Snapshot latest() {
        return latest.get();
    }

    public OpsProperties.Lag settings() {
        return settings;
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(settings.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        probe.close();
        executor = null;
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
