package io.ackflow.app.chaos;

import io.ackflow.app.process.AckflowJar;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;

/**
 * {@code ./ackflow chaos [--scenario NAME|all] [--rate 200] [--duration 60s] [--seed N] [--short] [--report-dir DIR]}.
 * Exits 0 when every scenario passed (nothing acknowledged lost, nothing doubled, no refused request with an effect,
 * quiescence reached, poison records dead-lettered), 1 otherwise.
 */
public final class ChaosCommand {
    private ChaosCommand() {}

    public static int run(String[] args, PrintStream out) {
        ChaosOptions options = ChaosOptions.parse(args);
        String command = "./ackflow chaos --scenario " + String.join(",",
                options.scenarios().stream().map(Scenario::id).toList()) + " --rate " + options.rate()
                + " --duration " + options.duration().toSeconds() + "s --seed " + options.seed()
                + (options.shortRun() ? " --short" : "");
        out.println("ackflow chaos: " + command + "; report in " + options.reportDir());
        List<ScenarioResult> results = ChaosRun.run(AckflowJar.locate(), options, command);
        try {
            out.println(Files.readString(options.reportDir().resolve("report.md")));
        } catch (java.io.IOException e) {
            out.println(ChaosReport.markdown(options, command, results));
        }
        return results.stream().allMatch(ScenarioResult::passed) ? 0 : 1;
    }
}
