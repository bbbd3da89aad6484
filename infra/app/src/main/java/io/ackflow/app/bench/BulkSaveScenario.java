package io.ackflow.app.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The bot that saved a completed quiz with 1,000 separate commits (10 s; one batch took 0.1-0.2 s): 1,000 answers
 * arrive together, are graded, and the persister writes them. Figures: the time from the first answer sent until all
 * 1,000 are committed (visible on the quiz leaderboard), and the persister transactions (flushes) used meanwhile,
 * which include any other traffic on the stack. Correct when all 1,000 players have their one point.
 */
final class BulkSaveScenario implements Scenario {
    static final String FLUSHES = "ackflow_persister_flush_duration_seconds_count";
    private final int answers;

    BulkSaveScenario(int answers) {
        this.answers = answers;
    }

    /** 1,000 answers; 300 with {@code --short}. */
    static BulkSaveScenario of(boolean shortRun) {
        return new BulkSaveScenario(shortRun ? 300 : 1000);
    }

    @Override
    public String name() {
        return "bulk-save";
    }

    @Override
    public ScenarioResult run(Http http, boolean shortRun) throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String quiz = "bulk-" + run;
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        http.put("/v1/quizzes/" + quiz, Map.of("title", "Bulk " + run,
                "opens_at", now.minus(1, ChronoUnit.HOURS).toString(),
                "closes_at", now.plus(1, ChronoUnit.DAYS).toString(),
                "questions", List.of(Map.of("id", "q1", "text", "One", "correct_option_id", "a",
                        "options", List.of(Map.of("id", "a", "text", "A"), Map.of("id", "b", "text", "B"))))));
        Thread.sleep(500); // the quiz worker's view sees the quiz (it would also catch up by itself before rejecting)
        String key = http.target().apiKey();
        double flushesBefore = Prometheus.counter(http.getText("/actuator/prometheus"), FLUSHES, "");
        long start = System.nanoTime();
        OpenLoad.Result sent = OpenLoad.constantRate(http, 2000, answers, i -> http.json("POST",
                "/v1/quizzes/" + quiz + "/answers", key,
                "{\"user_id\":\"u" + i + "\",\"question_id\":\"q1\",\"option_id\":\"a\"}"), (i, s, b, l) -> {}, answers);
        double sentMs = (System.nanoTime() - start) / 1e6;
        ScenarioResult r = new ScenarioResult(name(), answers + " quiz answers posted at once (2,000/s offered), graded"
                + " and committed");
        r.details.put("answers", answers);
        long acked = sent.count(202);
        if (acked != answers) {
            r.warn("answers not all acknowledged: " + sent.statuses());
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        int committed = 0;
        int points = 0;
        while (System.nanoTime() < deadline) {
            JsonNode board = http.get("/v1/quizzes/" + quiz + "/leaderboard?limit=1000");
            committed = board == null ? 0 : board.get("entries").size();
            points = 0;
            if (board != null) {
                for (JsonNode e : board.get("entries")) {
                    points += e.get("score").asInt();
                }
            }
            if (committed >= acked) {
                break;
            }
            Thread.sleep(50);
        }
        double allCommittedMs = (System.nanoTime() - start) / 1e6;
        double flushes = Prometheus.counter(http.getText("/actuator/prometheus"), FLUSHES, "") - flushesBefore;
        if (committed < acked) {
            r.problem("only " + committed + " of " + acked + " acknowledged answers committed after 60 s");
        }
        if (points != committed) {
            r.problem(points + " points for " + committed + " players with one correct answer each");
        }
        r.figure("answers sent (all answered)", sentMs, "ms", "")
                .figure("first answer sent to all committed", allCommittedMs, "ms",
                        "10 s (1,000 commits); 0.1-0.2 s (one batch)")
                .figure("persister transactions meanwhile", flushes, "", "1,000");
        r.details.put("statuses", sent.statuses());
        r.details.put("committed", committed);
        return r;
    }
}
