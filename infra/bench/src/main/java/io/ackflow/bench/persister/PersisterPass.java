package io.ackflow.bench.persister;

import io.ackflow.persister.PersisterProperties;
import io.ackflow.persister.consume.PersisterLoop;
import io.ackflow.persister.consume.PersisterLoops;
import io.ackflow.persister.observe.DatabaseState;
import io.ackflow.persister.observe.PersisterMetrics;
import io.ackflow.persister.upsert.FlushHook;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * The real {@link PersisterLoop}s, {@code ackflow.persister.loops} of them (group {@code ackflow.persister}, built by
 * {@link PersisterLoops} exactly as the application builds its loops), with their own Micrometer registry, so each
 * phase reads the persister's own meters: records committed, {@code flush.duration}, {@code persist.lag}.
 */
final class PersisterPass implements AutoCloseable {
    private static final Duration STOP = Duration.ofSeconds(30);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger poison = new AtomicInteger();
    private final List<PersisterLoop> loops = new ArrayList<>();
    private final PersisterLoops factory;
    private final int loopCount;
    private final Counter records;

    /** Percentiles of a timer over the whole phase, in milliseconds. */
    record Latency(long count, double p50, double p99, double max) {}

    PersisterPass(String bootstrap, DataSource dataSource, PersisterProperties props) {
        // Whole-phase percentiles at 3 significant digits (Micrometer's defaults: a 2-minute rolling window, 1 digit).
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return DistributionStatisticConfig.builder()
                        .percentilePrecision(3)
                        .expiry(Duration.ofHours(2))
                        .bufferLength(1)
                        .build()
                        .merge(config);
            }
        });
        DatabaseState state = new DatabaseState(Clock.systemUTC());
        PersisterMetrics metrics = new PersisterMetrics(registry, state);
        // looked up once: a registry search every 2 ms cost the measuring thread about a second of CPU per pass
        this.records = registry.get("ackflow.persister.records").counter();
        this.loopCount = props.loops();
        this.factory = new PersisterLoops(Map.of("bootstrap.servers", bootstrap), props, dataSource, metrics, state,
                Clock.systemUTC(), facts -> poison.addAndGet(facts.size()), () -> {});
    }

    /** Starts the loops in the persister group (they share the partitions), as the application does. */
    void start() {
        loops.addAll(factory.createLoops("bench", null, loopCount, FlushHook.NONE));
        loops.forEach(PersisterLoop::start);
    }

    /** Waits until the group has assigned partitions to some loop; returns {@link System#nanoTime()} then. */
    long awaitAssigned(Duration timeout) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (loops.stream().allMatch(l -> l.assignment().isEmpty())) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("no partitions assigned within " + timeout);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return System.nanoTime();
    }

    /** Waits until at least {@code records} records are committed; returns {@link System#nanoTime()} then. */
    long awaitCommitted(long records, Duration timeout) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (committed() < records) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("only " + committed() + " of " + records + " records committed within "
                        + timeout + " (does another member of group ackflow.persister share this broker?)");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        return System.nanoTime();
    }

    /** Records committed so far: rows, ignored and dead-lettered ({@code ackflow.persister.records}). */
    long committed() {
        return (long) records.count();
    }

    int poison() {
        return poison.get();
    }

    long fenced() {
        return (long) registry.get("ackflow.persister.fenced").counter().count();
    }

    long batches() {
        return registry.get("ackflow.persister.flush.duration").timer().count();
    }

    Latency flushDuration() {
        return latency("ackflow.persister.flush.duration");
    }

    Latency persistLag() {
        return latency("ackflow.persister.persist.lag");
    }

    private Latency latency(String name) {
        Timer t = registry.get(name).timer();
        HistogramSnapshot s = t.takeSnapshot();
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        for (ValueAtPercentile v : s.percentileValues()) {
            if (v.percentile() == 0.5) {
                p50 = v.value(TimeUnit.MILLISECONDS);
            } else if (v.percentile() == 0.99) {
                p99 = v.value(TimeUnit.MILLISECONDS);
            }
        }
        return new Latency(s.count(), p50, p99, s.max(TimeUnit.MILLISECONDS));
    }

    /** A crash-like stop: nothing more is flushed (for the warm-up, whose rows are thrown away). */
    void abort() {
        loops.forEach(l -> l.abort(STOP));
    }

    @Override
    public void close() {
        loops.forEach(l -> l.stop(STOP));
    }
}
