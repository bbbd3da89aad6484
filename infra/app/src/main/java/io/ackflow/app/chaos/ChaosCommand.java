package io.ackflow.app.chaos;

import io.ackflow.app.process.AckflowJar;
import java.io.PrintStream;
import java.nio.file.Files;

/**
 * {@code ./ackflow chaos [--scenario NAME|all|none] [--rate 100] [--duration 20s] [--seed N] [--short] [--no-sweep]
 * [--report-dir DIR]}. Exits 0 when every scenario passed (nothing acknowledged lost, nothing doubled, no refused
 * request with an effect, quiescence reached, poison records dead-lettered) and so did the bad-input and security
 * sweep that follows them (no 5xx, nothing published for a refused request, no secret found), 1 otherwise.
 */
public final class ChaosCommand {
    private ChaosCommand() {}

    public static int run(String[] args, PrintStream out) {
        ChaosOptions options = ChaosOptions.parse(args);
        String scenarios = options.scenarios().isEmpty() ? "none"
                : String.join(",", options.scenarios().stream().map(Scenario::id).toList());
        String command = "./ackflow chaos --scenario " + scenarios + " --rate " + options.rate()
                + " --duration " + options.duration().toSeconds() + "s --seed " + options.seed()
                + (options.shortRun() ? " --short" : "") + (options.sweep() ? "" : " --no-sweep");
        out.println("ackflow chaos: " + command + "; report in " + options.reportDir());
        ChaosRun.Outcome outcome = ChaosRun.execute(AckflowJar.locate(), options, command);
        try {
            out.println(Files.readString(options.reportDir().resolve("report.md")));
        } catch (java.io.IOException e) {
            out.println(ChaosReport.markdown(options, command, outcome.scenarios(), outcome.sweep()));
        }
        return outcome.passed() ? 0 : 1;
    }
}
