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
        json.put("request_mix", requestMix());
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
                .append(options.processes()).append(", ").append(options.rate())
                .append(" req/s for ").append(options.duration().toSeconds()).append(" s per scenario; ")
                .append(requestMix()).append(".\n\n");
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
                    .append(" final outcomes for ").append(r.verdict().ackedEvents())
                    .append(" acknowledged events and the answers Telegram updates carry (")
                    .append(r.verdict().rejectedOutcomes()).append(" rejected); wrong effects ")
                    .append(r.verdict().wrongEffects()).append("; quiescent after ")
                    .append(seconds(r.verdict().quiescenceMs())).append(" s; lag bound ").append(r.lagBound())
                    .append("; other dead letters ").append(r.verdict().otherDeadLetters())
                    .append("; uncertain requests with effect ").append(r.verdict().uncertainWithEffect())
                    .append("; Telegram sends given up as uncertain and dead-lettered ")
                    .append(r.verdict().uncertainSendsDeadLettered()).append(".");
            if (!r.problems().isEmpty()) {
                md.append(" Problems: ").append(String.join("; ", r.problems())).append(".");
            }
            md.append("\n");
        }
        md.append("\n").append(kinds(results));
        return md.toString();
    }

    /** One row per scenario and request kind: what was sent, what came back, and the kind's own effect counts. */
    static String kinds(List<ScenarioResult> results) {
        StringBuilder md = new StringBuilder("Per request kind:\n\n");
        md.append("| scenario | kind | sent | dup | acked | refused | uncertain | lost | doubled | wrong | "
                + "refused w/ effect | uncertain w/ effect | effects |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ScenarioResult r : results) {
            for (Checker.KindVerdict k : r.verdict().kinds()) {
                md.append("| ").append(r.scenario()).append(" | ").append(k.kind())
                        .append(" | ").append(k.sent()).append(" | ").append(k.duplicates())
                        .append(" | ").append(k.acked()).append(" | ").append(k.refused())
                        .append(" | ").append(k.uncertain())
                        .append(" | **").append(k.lost()).append("** | **").append(k.doubled()).append("** | **")
                        .append(k.wrong()).append("** | ").append(k.refusedWithEffect())
                        .append(" | ").append(k.uncertainWithEffect()).append(" | ");
                StringBuilder figures = new StringBuilder();
                k.figures().forEach((name, value) -> figures.append(figures.isEmpty() ? "" : "; ").append(name)
                        .append(" ").append(value));
                md.append(figures).append(" |\n");
            }
        }
        return md.toString();
    }

    private static String requestMix() {
        StringBuilder s = new StringBuilder();
        for (RequestKind k : RequestKind.values()) {
            s.append(s.isEmpty() ? "" : ", ").append(Math.round(RequestMix.SHARES.get(k) * 100)).append(" % ")
                    .append(k.id());
        }
        return s.append(String.format(", %.0f %% repeats, %.0f %% of answers second answers",
                RequestMix.DUPLICATE_SHARE * 100, RequestMix.REANSWER_SHARE * 100)).toString();
    }

    private static String fmt(double ms) {
        return Double.isNaN(ms) ? "-" : String.format("%.0f", ms);
    }

    private static String seconds(long ms) {
        return ms < 0 ? "-" : String.format("%.1f", ms / 1000.0);
    }
}
