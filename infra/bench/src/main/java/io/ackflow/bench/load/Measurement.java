package io.ackflow.bench.load;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One row of the results table. Latencies are in milliseconds ({@code NaN} when unknown). Child processes print a
 * row as one {@link #toLine() line} that the benchmark parses back with {@link #parseLine(String)}.
 *
 * @param errorDetail errors by cause, e.g. {@code {HTTP 503=12, timeout=1}}
 * @param lagP99Ms the generator's dispatch lag (how late it sent) at p99; {@code NaN} when the tool cannot tell
 * @param notes free text (CPU per request, settings)
 */
public record Measurement(
        String target,
        double rate,
        double p50Ms,
        double p99Ms,
        double p999Ms,
        double maxMs,
        long errors,
        String errorDetail,
        double achievedPerSecond,
        double lagP99Ms,
        double lagMaxMs,
        String notes) {

    public static final String LINE_PREFIX = "BENCH-MEASUREMENT ";

    /** A row for a step that could not run. */
    public static Measurement failed(String target, double rate, String why) {
        return new Measurement(target, rate, Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1, why, Double.NaN,
                Double.NaN, Double.NaN, "FAILED: " + why);
    }

    public Measurement withNotes(String moreNotes) {
        String joined = notes.isBlank() ? moreNotes : notes + "; " + moreNotes;
        return new Measurement(target, rate, p50Ms, p99Ms, p999Ms, maxMs, errors, errorDetail, achievedPerSecond,
                lagP99Ms, lagMaxMs, joined);
    }

    /** One line, tab-separated {@code key=value} pairs after {@link #LINE_PREFIX}. */
    public String toLine() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("target", target);
        m.put("rate", num(rate));
        m.put("p50", num(p50Ms));
        m.put("p99", num(p99Ms));
        m.put("p999", num(p999Ms));
        m.put("max", num(maxMs));
        m.put("errors", Long.toString(errors));
        m.put("errorDetail", errorDetail);
        m.put("achieved", num(achievedPerSecond));
        m.put("lagP99", num(lagP99Ms));
        m.put("lagMax", num(lagMaxMs));
        m.put("notes", notes);
        StringBuilder sb = new StringBuilder(LINE_PREFIX);
        m.forEach((k, v) -> sb.append(k).append('=').append(v.replace('\t', ' ').replace('\n', ' ')).append('\t'));
        return sb.toString();
    }

    public static Measurement parseLine(String line) {
        if (!line.startsWith(LINE_PREFIX)) {
            throw new IllegalArgumentException("not a measurement line: " + line);
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String field : line.substring(LINE_PREFIX.length()).split("\t")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                m.put(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        return new Measurement(m.get("target"), dbl(m.get("rate")), dbl(m.get("p50")), dbl(m.get("p99")),
                dbl(m.get("p999")), dbl(m.get("max")), Long.parseLong(m.get("errors")), m.getOrDefault("errorDetail", ""),
                dbl(m.get("achieved")), dbl(m.get("lagP99")), dbl(m.get("lagMax")), m.getOrDefault("notes", ""));
    }

    private static String num(double d) {
        return Double.isNaN(d) ? "NaN" : String.format(Locale.ROOT, "%.4f", d);
    }

    private static double dbl(String s) {
        return s == null ? Double.NaN : Double.parseDouble(s);
    }
}
