package io.ackflow.app.chaos;

import java.util.List;
import java.util.Map;

/**
 * The figures of one scenario, as written to the JSON and Markdown reports.
 *
 * @param lagBound the lag that counts as "back to normal": the highest lag seen under load before the fault (at
 *     least 10 records), since under constant load a group's lag is rarely exactly 0
 * @param lagRecoveredAfterMs from the end of the fault until lag was at or below {@code lagBound}; -1 if never
 */
public record ScenarioResult(
        String scenario,
        String description,
        long seed,
        int rate,
        long durationSeconds,
        long sent,
        long duplicatesSent,
        long acked,
        Map<String, Long> refusedByStatus,
        long unanswered,
        Checker.Verdict verdict,
        double ackP50BeforeMs,
        double ackP99BeforeMs,
        double ackP50DuringMs,
        double ackP99DuringMs,
        FaultRecord fault,
        long lagBound,
        long lagRecoveredAfterMs,
        List<String> problems) {

    public boolean passed() {
        return problems.isEmpty();
    }
}
