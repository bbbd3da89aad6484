package io.ackflow.bench.persister;

import io.ackflow.bench.load.CpuSteal;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time spent by this JVM (the benchmark, the persister loops and the in-process broker) and by PostgreSQL (the
 * postmaster and every child: backends, WAL writer, checkpointer, autovacuum). On a shared machine wall-clock
 * throughput drifts with other load; CPU seconds per phase drift much less. Linux only (reads {@code /proc}); elsewhere
 * the PostgreSQL figure is NaN.
 */
final class CpuClock {
    /** Assumed USER_HZ: 100 on every mainstream Linux. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Path postmasterPid;

    /**
     * CPU seconds used so far; for a difference of two samples, also the share of the machine's CPU that the
     * hypervisor gave to other guests in between ({@code steal}, NaN where unknown). A phase that lost a tenth of the
     * machine that way shows it in rows/s, not in its CPU seconds.
     *
     * @param machine the machine's CPU counters when sampled (null in a difference, or where unreadable)
     */
    record Sample(double jvm, double postgres, CpuSteal machine, double steal) {
        Sample minus(Sample earlier) {
            double share = machine != null && earlier.machine != null ? machine.shareSince(earlier.machine) : Double.NaN;
            return new Sample(jvm - earlier.jvm, postgres - earlier.postgres, null, share);
        }
    }

    /** @param postgresDataDir the server's data directory, or null where unknown (the PostgreSQL figure is NaN) */
    CpuClock(Path postgresDataDir) {
        this.postmasterPid = postgresDataDir == null ? null : postgresDataDir.resolve("postmaster.pid");
    }

    Sample now() {
        return new Sample(jvmSeconds(), postgresSeconds(), CpuSteal.now().orElse(null), Double.NaN);
    }

    private static double jvmSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /** The postmaster's own and its reaped children's time, plus every live child's. */
    private double postgresSeconds() {
        if (postmasterPid == null) {
            return Double.NaN;
        }
        try {
            List<String> lines = Files.readAllLines(postmasterPid);
            String postmaster = lines.get(0).trim();
            long ticks = 0;
            try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path proc : procs) {
                    String[] f = stat(proc);
                    if (f == null) {
                        continue;
                    }
                    if (proc.getFileName().toString().equals(postmaster)) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13])
                                + Long.parseLong(f[14]);
                    } else if (f[1].equals(postmaster)) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                }
            }
            return ticks / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Fields of /proc/PID/stat after the command name: [0]=state, [1]=ppid, ... [11]=utime, [12]=stime, ... */
    private static String[] stat(Path proc) {
        try {
            String s = Files.readString(proc.resolve("stat"));
            return s.substring(s.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
