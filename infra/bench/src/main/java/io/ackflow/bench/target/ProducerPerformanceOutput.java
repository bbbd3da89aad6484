package io.ackflow.bench.target;

import io.ackflow.bench.load.Measurement;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Kafka's {@code ProducerPerformance} summary, preferring the steady-state line (printed when
 * {@code --warmup-records} is given) over the whole-run line. Its latencies are whole milliseconds, timed from the
 * {@code send} call rather than from an intended time.
 */
public final class ProducerPerformanceOutput {
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) (steady state )?records sent, ([\\d.]+) records/sec \\([\\d.]+ MB/sec\\), ([\\d.]+) ms avg latency, "
                    + "([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99\\.9th\\.");

    private ProducerPerformanceOutput() {}

    public static Optional<Measurement> parse(String target, double rate, List<String> lines) {
        Matcher whole = null;
        Matcher steady = null;
        for (String line : lines) {
            Matcher m = SUMMARY.matcher(line.trim());
            if (m.matches()) {
                if (m.group(2) != null) {
                    steady = m;
                } else {
                    whole = m;
                }
            }
        }
        Matcher m = steady != null ? steady : whole;
        if (m == null) {
            return Optional.empty();
        }
        return Optional.of(new Measurement(target, rate,
                Double.parseDouble(m.group(6)), Double.parseDouble(m.group(8)), Double.parseDouble(m.group(9)),
                Double.parseDouble(m.group(5)), 0, "{}", Double.parseDouble(m.group(3)), Double.NaN, Double.NaN,
                "whole-ms latencies from send(); " + (steady != null ? "steady state" : "warm-up included")));
    }
}
