package io.ackflow.app.ops.dlt;

import java.util.List;

/**
 * What a redrive did.
 *
 * @param matched records that passed the filters
 * @param redriven records re-published (0 on a dry run)
 * @param atLimit matched records left alone because their redrive count reached the limit
 * @param lines one line per matched record: what happened to it
 */
public record RedriveReport(String dltTopic, boolean dryRun, int scanned, int matched, int redriven, int atLimit,
        List<String> lines) {

    public String summary() {
        return String.format("%s%s: scanned %d, matched %d, %s %d, left at redrive limit %d", dryRun ? "[dry run] " : "",
                dltTopic, scanned, matched, dryRun ? "would redrive" : "redriven", dryRun ? matched - atLimit : redriven,
                atLimit);
    }
}
