package io.ackflow.bench.load;

import java.time.Duration;
import java.util.SortedMap;
import org.HdrHistogram.Histogram;

/**
 * What one constant-rate run measured, warm-up excluded.
 *
 * @param targetRate the intended requests per second
 * @param latencyNanos latency of every answered measured request (any status), from its intended send time to the
 *     end of its response
 * @param lagNanos how late the generator's sender woke for each measured request after its intended time: its own
 *     lag (scheduling, GC, a busy machine), not the server's. Waits for a free connection are the server's doing; they
 *     count in the latency and in {@code connectionWaits}
 * @param measured requests whose intended time fell in the measured window
 * @param succeeded measured requests answered 2xx
 * @param errors measured requests that did not succeed, by cause: {@code HTTP 503}, {@code io} (connection failed),
 *     {@code timeout} (no answer by the drain deadline), {@code unsent} (no connection came free in time)
 * @param achievedPerSecond 2xx answers per second over the measured window (from its start to the last answer)
 * @param connectionWaits measured requests that found every connection busy at their intended time
 * @param reconnects connections replaced during the whole run (server closed them, or they failed)
 * @param generatorCpu CPU time of the generator's two threads over the whole run
 * @param wall wall time of the whole run, warm-up and drain included
 */
public record LoadResult(
        double targetRate,
        Histogram latencyNanos,
        Histogram lagNanos,
        long measured,
        long succeeded,
        SortedMap<String, Long> errors,
        double achievedPerSecond,
        long connectionWaits,
        long reconnects,
        Duration generatorCpu,
        Duration wall) {

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The generator's CPU as a share of one core over the run. */
    public double generatorCpuShare() {
        return wall.isZero() ? 0 : (double) generatorCpu.toNanos() / wall.toNanos();
    }

    public Measurement toMeasurement(String target, String notes) {
        return new Measurement(target, targetRate,
                ms(latencyNanos, 50), ms(latencyNanos, 99), ms(latencyNanos, 99.9), maxMs(latencyNanos),
                errorCount(), errors.toString(), achievedPerSecond,
                ms(lagNanos, 99), maxMs(lagNanos), notes);
    }

    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e6;
    }

    static double maxMs(Histogram h) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1e6;
    }
}
