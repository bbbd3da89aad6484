package io.ackflow.app.chaos;

import io.ackflow.app.cli.CliArgs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code ./ackflow chaos} runs.
 *
 * @param scenarios fault families, run one after the other on one topology
 * @param rate requests per second (constant arrival rate)
 * @param duration load per scenario; the fault comes a third of the way in
 * @param seed reproduces the fault schedule and the request mix
 * @param shortRun one broker, one ingress process and one process running workers and persister, instead of three
 *     brokers and two processes per role
 * @param reportDir where the request log, process logs and reports go
 * @param sweep run the bad-input and security sweep after the scenarios ({@code --no-sweep} skips it)
 */
public record ChaosOptions(List<Scenario> scenarios, int rate, Duration duration, long seed, boolean shortRun,
        Path reportDir, boolean sweep) {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");
    static final Set<String> KNOWN = Set.of("scenario", "rate", "duration", "seed", "short", "report-dir", "no-sweep");

    public ChaosOptions {
        if (scenarios.isEmpty() && !sweep) {
            throw new CliArgs.UsageException(
                    "--scenario names no scenario and --no-sweep skips the sweep: nothing to run");
        }
        if (rate < 1 || rate > 5000) {
            throw new CliArgs.UsageException("--rate must be between 1 and 5000 requests per second, got " + rate);
        }
        if (duration.compareTo(Duration.ofSeconds(10)) < 0 || duration.compareTo(Duration.ofHours(1)) > 0) {
            throw new CliArgs.UsageException("--duration must be between 10s and 1h, got " + duration);
        }
    }

    /** Scenarios only, without the sweep (the short chaos test). */
    public ChaosOptions(List<Scenario> scenarios, int rate, Duration duration, long seed, boolean shortRun,
            Path reportDir) {
        this(scenarios, rate, duration, seed, shortRun, reportDir, false);
    }

    public static ChaosOptions parse(String[] args) {
        CliArgs a = CliArgs.parse(args, Set.of("short", "no-sweep")).allow(KNOWN);
        boolean shortRun = a.flag("short");
        List<Scenario> scenarios = Scenario.parse(a.get("scenario").orElse("all"));
        int rate = a.intValue("rate", shortRun ? 50 : 100);
        Duration duration = a.get("duration").map(ChaosOptions::duration)
                .orElse(shortRun ? Duration.ofSeconds(30) : Duration.ofSeconds(20));
        long seed = a.longValue("seed").orElse(System.currentTimeMillis() % 100_000);
        Path reportDir = Path.of(a.get("report-dir").orElse("target/chaos/" + seed)).toAbsolutePath();
        return new ChaosOptions(scenarios, rate, duration, seed, shortRun, reportDir, !a.flag("no-sweep"));
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new CliArgs.UsageException("--duration must look like 30s, 2m or 500ms, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }

    public int brokers() {
        return shortRun ? 1 : 3;
    }

    /** The role processes, in words. */
    public String processes() {
        return shortRun ? "one ingress process and one running workers and persister"
                : perRole() + " processes per role";
    }

    public int perRole() {
        return shortRun ? 1 : 2;
    }
}
