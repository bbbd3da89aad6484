package io.ackflow.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine's CPU time taken by the hypervisor ("steal", {@code /proc/stat}) over a step. On a shared virtual
 * machine a step that lost several percent of its CPU to other guests shows it in its tail latencies, whatever the
 * target did; the report prints the share next to each row so such a row can be told apart. Linux only; elsewhere
 * nothing is reported.
 */
public final class CpuSteal {
    private static final Path STAT = Path.of("/proc/stat");

    private final long steal;
    private final long total;

    private CpuSteal(long steal, long total) {
        this.steal = steal;
        this.total = total;
    }

    /** The counters now, or empty where {@code /proc/stat} cannot be read. */
    public static Optional<CpuSteal> now() {
        try {
            return parse(Files.readAllLines(STAT).get(0));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Parses the aggregate {@code cpu} line: user nice system idle iowait irq softirq steal ... */
    static Optional<CpuSteal> parse(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (f.length < 9 || !f[0].equals("cpu")) {
            return Optional.empty();
        }
        long total = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) { // guest time is already counted in user and nice
            total += Long.parseLong(f[i]);
        }
        return Optional.of(new CpuSteal(Long.parseLong(f[8]), total));
    }

    /** The share of the machine's CPU time stolen between {@code before} and this reading, in [0, 1]. */
    public double shareSince(CpuSteal before) {
        long dt = total - before.total;
        return dt <= 0 ? 0 : Math.max(0, Math.min(1, (double) (steal - before.steal) / dt));
    }

    /** A note such as {@code "hypervisor steal 4.2%"}, or empty when either reading is missing. */
    public static String note(Optional<CpuSteal> before, Optional<CpuSteal> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT, "hypervisor steal %.1f%%", 100 * after.get().shareSince(before.get()));
    }
}
