package io.ackflow.app.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one histogram's cumulative buckets from {@code /actuator/prometheus} (summed over tags) and its quantiles. */
final class Prometheus {
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    private Prometheus() {}

    /** {@code le} (seconds; +Inf as infinity) to cumulative count, summed over every tag combination. */
    static TreeMap<Double, Double> buckets(String scrape, String metric) {
        TreeMap<Double, Double> out = new TreeMap<>();
        String prefix = metric + "_bucket{";
        for (String line : scrape.split("\n")) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            Matcher m = LE.matcher(line);
            if (!m.find()) {
                continue;
            }
            double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            out.merge(le, value, Double::sum);
        }
        return out;
    }

    /** Sum of a counter's samples over every tag combination whose line contains {@code filter}. */
    static double counter(String scrape, String metric, String filter) {
        double sum = 0;
        for (String line : scrape.split("\n")) {
            if ((line.startsWith(metric + "{") || line.startsWith(metric + " ")) && line.contains(filter)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    static TreeMap<Double, Double> delta(Map<Double, Double> before, TreeMap<Double, Double> after) {
        TreeMap<Double, Double> out = new TreeMap<>();
        after.forEach((le, v) -> out.put(le, v - before.getOrDefault(le, 0.0)));
        return out;
    }

    /** The upper bound (ms) of the bucket holding quantile {@code q}; NaN when empty. */
    static double quantileMillis(TreeMap<Double, Double> cumulative, double q) {
        if (cumulative.isEmpty()) {
            return Double.NaN;
        }
        double total = cumulative.lastEntry().getValue();
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            if (e.getValue() >= rank) {
                return e.getKey() * 1000.0;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    static double count(TreeMap<Double, Double> cumulative) {
        return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
    }
}
