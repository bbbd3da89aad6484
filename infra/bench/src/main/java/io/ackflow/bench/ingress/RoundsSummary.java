package io.ackflow.bench.ingress;

import static io.ackflow.bench.ingress.ResultsReport.ms;

import io.ackflow.bench.load.Measurement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The summary of a run with several rounds: per target and rate, the median latencies over the rounds, and for every
 * target the ratio of its p99 to the raw producer's ({@link Target#RAW_LINGER1}) p99 <em>in the same round</em>. On a
 * shared 2-core machine the floor itself moves by 2-3x between runs, so a ratio taken within one round, then its
 * median, compares like with like; one round's ratio alone is a coin flip near the target.
 */
final class RoundsSummary {
    static final Target FLOOR = Target.RAW_LINGER1;

    /** One measured step: which round, which target, what it measured. */
    record Step(int round, Target target, Measurement m) {}

    private RoundsSummary() {}

    static String table(List<Step> steps) {
        Map<Key, List<Step>> byKey = new LinkedHashMap<>();
        for (Step s : steps) {
            byKey.computeIfAbsent(new Key(s.target(), s.m().rate()), k -> new ArrayList<>()).add(s);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("| target | rate/s | rounds | p99 ms by round | median p50 ms | median p99 ms | median p99.9 ms "
                + "| errors | p99 / raw producer p99, by round | median ratio |\n");
        sb.append("|---|---:|---:|---|---:|---:|---:|---:|---|---:|\n");
        byKey.forEach((key, list) -> {
            List<Step> ok = list.stream().filter(s -> s.m().errors() >= 0).toList();
            List<Double> ratios = new ArrayList<>();
            List<String> ratioText = new ArrayList<>();
            for (Step s : ok) {
                Optional<Double> floor = floorP99(steps, s.round(), key.rate());
                if (floor.isPresent() && floor.get() > 0) {
                    double r = s.m().p99Ms() / floor.get();
                    ratios.add(r);
                    ratioText.add(String.format(Locale.ROOT, "%.2f", r));
                } else {
                    ratioText.add("n/a");
                }
            }
            long errors = ok.stream().mapToLong(s -> s.m().errors()).sum();
            sb.append("| ").append(ok.isEmpty() ? key.target().label : ok.get(0).m().target())
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f", key.rate()))
                    .append(" | ").append(ok.size()).append(list.size() > ok.size()
                            ? " (" + (list.size() - ok.size()) + " failed)" : "")
                    .append(" | ").append(ok.stream().map(s -> ms(s.m().p99Ms())).collect(Collectors.joining(", ")))
                    .append(" | ").append(ms(median(ok.stream().map(s -> s.m().p50Ms()).toList())))
                    .append(" | ").append(ms(median(ok.stream().map(s -> s.m().p99Ms()).toList())))
                    .append(" | ").append(ms(median(ok.stream().map(s -> s.m().p999Ms()).toList())))
                    .append(" | ").append(errors)
                    .append(" | ").append(key.target() == FLOOR ? "(the floor)" : String.join(", ", ratioText))
                    .append(" | ").append(key.target() == FLOOR || ratios.isEmpty() ? "n/a"
                            : String.format(Locale.ROOT, "%.2f", median(ratios)))
                    .append(" |\n");
        });
        return sb.toString();
    }

    private static Optional<Double> floorP99(List<Step> steps, int round, double rate) {
        return steps.stream()
                .filter(s -> s.round() == round && s.target() == FLOOR && s.m().rate() == rate && s.m().errors() >= 0)
                .map(s -> s.m().p99Ms())
                .filter(v -> !Double.isNaN(v))
                .findFirst();
    }

    /** The median; the mean of the middle two for an even count; NaN for none. NaN values are left out. */
    static double median(List<Double> values) {
        List<Double> v = values.stream().filter(d -> !Double.isNaN(d)).sorted(Comparator.naturalOrder()).toList();
        if (v.isEmpty()) {
            return Double.NaN;
        }
        int mid = v.size() / 2;
        return v.size() % 2 == 1 ? v.get(mid) : (v.get(mid - 1) + v.get(mid)) / 2;
    }

    private record Key(Target target, double rate) {}
}
