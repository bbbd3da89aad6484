package io.ackflow.app.chaos;

import io.ackflow.app.sweep.SweepResult;
import io.ackflow.schema.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes {@code report.json} and {@code report.md} for a run. */
final class ChaosReport {
    private ChaosReport() {}

    static void write(Path dir, ChaosOptions options, String command, List<ScenarioResult> results) {
        write(dir, options, command, results, null);
    }

    /** With the sweep's figures when it ran ({@code sweep} non-null). */
    static void write(Path dir, ChaosOptions options, String command, List<ScenarioResult> results,
            SweepResult sweep) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", command);
        json.put("seed", options.seed());
        json.put("brokers", options.brokers());
        json.put("processes_per_role", options.perRole());
        json.put("passed", results.stream().allMatch(ScenarioResult::passed) && (sweep == null || sweep.passed()));
        json.put("scenarios", results);
        if (sweep != null) {
            json.put("sweep", sweep);
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("report.json"), Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(json), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("report.md"), markdown(options, command, results, sweep),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report in " + dir, e);
        }
    }

    static String markdown(ChaosOptions options, String command, List<ScenarioResult> results, SweepResult sweep) {
        String md = results.isEmpty()
                ? "# Chaos run, seed " + options.seed() + "\n\n`" + command + "`: " + options.brokers()
                        + " broker(s), " + options.perRole() + " process(es) per role, no fault scenario.\n"
                : markdown(options, command, results);
        return sweep == null ? md : md + "\n" + SweepSection.markdown(sweep);
    }

    static String markdown(ChaosOptions options, String command, List<ScenarioResult> results) {
        StringBuilder md = new StringBuilder();
        md.append("# Chaos run, seed ").append(options.seed()).append("\n\n");
        md.append("`").append(command).append("`: ").append(options.brokers()).append(" broker(s), ")
                .append(options.perRole()).append(" process(es) per role, ").append(options.rate())
                .append(" req/s for ").append(options.duration().toSeconds()).append(" s per scenario.\n\n");
        md.append("| scenario | sent | dup | 202 | refused | no answer | lost | doubled | refused w/ effect | "
                + "p99 before (ms) | p99 during (ms) | ready after (s) | lag back after (s) | poison in DLT | result |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ScenarioResult r : results) {
            Checker.Verdict v = r.verdict();
            md.append("| ").append(r.scenario())
                    .append(" | ").append(r.sent())
                    .append(" | ").append(r.duplicatesSent())
                    .append(" | ").append(r.acked())
                    .append(" | ").append(r.refusedByStatus().isEmpty() ? "0" : r.refusedByStatus().toString())
                    .append(" | ").append(r.unanswered())
                    .append(" | **").append(v.ackedButLost()).append("**")
                    .append(" | **").append(v.doubledEffects()).append("**")
                    .append(" | ").append(v.refusedWithEffect())
                    .append(" | ").append(fmt(r.ackP99BeforeMs()))
                    .append(" | ").append(fmt(r.ackP99DuringMs()))
                    .append(" | ").append(seconds(r.fault().readyAfterMs()))
                    .append(" | ").append(seconds(r.lagRecoveredAfterMs()))
                    .append(" | ").append(v.poisonExpected() == 0 ? "-" : v.poisonInDlt() + "/" + v.poisonExpected())
                    .append(" | ").append(r.passed() ? "pass" : "FAIL").append(" |\n");
        }
        md.append("\n");
        for (ScenarioResult r : results) {
            md.append("- **").append(r.scenario()).append("**: ").append(r.description()).append("; hit `")
                    .append(r.fault().target()).append("`; ").append(r.verdict().finalOutcomes())
                    .append(" final outcomes for ").append(r.verdict().ackedEvents()).append(" acknowledged events (")
                    .append(r.verdict().rejectedOutcomes()).append(" rejected); quiescent after ")
                    .append(seconds(r.verdict().quiescenceMs())).append(" s; lag bound ").append(r.lagBound())
                    .append("; other dead letters ").append(r.verdict().otherDeadLetters())
                    .append("; uncertain requests with effect ").append(r.verdict().uncertainWithEffect()).append(".");
            if (!r.problems().isEmpty()) {
                md.append(" Problems: ").append(String.join("; ", r.problems())).append(".");
            }
            md.append("\n");
        }
        return md.toString();
    }

    private static String fmt(double ms) {
        return Double.isNaN(ms) ? "-" : String.format("%.0f", ms);
    }

    private static String seconds(long ms) {
        return ms < 0 ? "-" : String.format("%.1f", ms / 1000.0);
    }
}
