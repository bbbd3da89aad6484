package io.ackflow.bench.ingress;

import io.ackflow.bench.load.Measurement;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/** The Markdown results: how and where it was measured, then one row per target and rate. */
final class ResultsReport {
    private ResultsReport() {}

    static String table(List<Measurement> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| target | rate/s | p50 ms | p99 ms | p99.9 ms | max ms | errors | achieved/s | gen lag p99 / max ms | notes |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---|---:|---:|---|\n");
        for (Measurement m : rows) {
            sb.append("| ").append(m.target())
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f", m.rate()))
                    .append(" | ").append(ms(m.p50Ms()))
                    .append(" | ").append(ms(m.p99Ms()))
                    .append(" | ").append(ms(m.p999Ms()))
                    .append(" | ").append(ms(m.maxMs()))
                    .append(" | ").append(errors(m))
                    .append(" | ").append(Double.isNaN(m.achievedPerSecond()) ? "n/a"
                            : String.format(Locale.ROOT, "%.0f", m.achievedPerSecond()))
                    .append(" | ").append(Double.isNaN(m.lagP99Ms()) ? "n/a" : ms(m.lagP99Ms()) + " / " + ms(m.lagMaxMs()))
                    .append(" | ").append(m.notes().replace("|", "/"))
                    .append(" |\n");
        }
        return sb.toString();
    }

    static String document(String commandLine, String startedAt, double loadAtStart, double loadAtEnd,
            BenchOptions options, List<Measurement> rows, String runDir) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return """
                # ackflow ingress benchmark results

                - started: %s
                - command: `%s`
                - machine: %d cores, %.1f GB RAM, %s %s, Java %s (%s)
                - load average (1 min) at start / end: %.2f / %.2f (on a shared machine, figures drift up to 3x)
                - each step: %s warm-up (not measured) then %s measured; target JVMs `-Xms%s -Xmx%s -XX:+AlwaysPreTouch`;
                  %d keep-alive connections; one KRaft broker (RF 1) shared by every target
                - each HTTP target JVM first served %s of unmeasured load at %.0f/s (JIT warm-up), once, before its
                  first step
                - logs and broker data: `%s`

                %s
                Latency is from each request's intended send time (constant arrival rate) to the end of its response or
                acknowledgement, so queueing shows. `gen lag` is how late the generator itself sent (its own health: it
                should stay well under the latencies). ProducerPerformance rows are whole milliseconds timed from
                `send()`; raw-producer rows use the same open model as the HTTP rows.
                """.formatted(startedAt, commandLine, os.getAvailableProcessors(),
                os.getTotalMemorySize() / 1e9, System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.version"), System.getProperty("java.vm.name"), loadAtStart, loadAtEnd,
                human(options.warmup()), human(options.duration()), options.heap(), options.heap(),
                options.connections(), human(options.jitWarmup()), options.jitWarmupRate(), runDir, table(rows));
    }

    private static String human(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String errors(Measurement m) {
        if (m.errors() < 0) {
            return "n/a";
        }
        return m.errors() == 0 ? "0" : m.errors() + " " + m.errorDetail().replace("|", "/");
    }

    /** Milliseconds as the tables print them: two decimals under 10, one above; n/a for NaN. */
    static String ms(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
    }
}
