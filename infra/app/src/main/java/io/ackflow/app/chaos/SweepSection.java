package io.ackflow.app.chaos;

import io.ackflow.app.sweep.SecretScan;
import io.ackflow.app.sweep.SweepResult;

/** The bad-input and security sweep's part of {@code report.md}. */
final class SweepSection {
    private SweepSection() {}

    static String markdown(SweepResult r) {
        StringBuilder md = new StringBuilder("## Bad-input and security sweep\n\n");
        md.append("| inputs | 5xx | taken | wrong status | no answer | published for refused | controls found | "
                + "secret hits | /dev off | /ops guarded | actuator closed | result |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        SecretScan.Result s = r.secretScan();
        md.append("| ").append(r.inputs())
                .append(" | **").append(r.serverErrors()).append("**")
                .append(" | ").append(r.accepted())
                .append(" | ").append(r.wrongStatus())
                .append(" | ").append(r.unanswered())
                .append(" | **").append(r.publishedForRefused()).append("**")
                .append(" | ").append(r.controlsFound()).append("/").append(r.controls())
                .append(" | **").append(s.hitCount()).append("**")
                .append(" | ").append(yes(r.devEndpointsOff()))
                .append(" | ").append(yes(r.opsNeedAdminToken()))
                .append(" | ").append(yes(r.sensitiveActuatorOff()))
                .append(" | ").append(r.passed() ? "pass" : "FAIL").append(" |\n\n");
        md.append("Answers by status: ").append(r.byStatus()).append("; refusals without problem+json (the container's "
                + "own): ").append(r.notProblemJson()).append(". Secrets searched for: ").append(s.secrets())
                .append(", in ").append(s.places()).append(" places (").append(s.bytes() / 1024)
                .append(" KB: logs, metrics, health, answers); bot token used before the search: ")
                .append(yes(r.botTokenUsed())).append(". Marker `").append(r.marker()).append("`, ")
                .append(String.format("%.1f", r.durationMs() / 1000.0))
                .append(" s. Every input: `sweep-inputs.jsonl`.\n");
        if (!r.problems().isEmpty()) {
            md.append("\nProblems:\n\n");
            r.problems().forEach(p -> md.append("- ").append(p).append('\n'));
        }
        return md.toString();
    }

    private static String yes(boolean b) {
        return b ? "yes" : "**no**";
    }
}
