package io.ackflow.persister.observe;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the persister last learned about the database, cached for the readiness probe: which consume loops are paused
 * because a flush failed, and whether the outbox relay's last round failed. Probes read this; they never query.
 */
public final class DatabaseState {
    private final Clock clock;
    private final Map<String, Problem> paused = new ConcurrentHashMap<>();
    private volatile Problem relayProblem;

    /** Since when, how many attempts failed in a row, and the last error (class and message, never a secret). */
    public record Problem(Instant since, int failures, String error) {}

    public DatabaseState(Clock clock) {
        this.clock = clock;
    }

    public void loopFailed(String loop, Throwable error) {
        paused.compute(loop, (k, p) -> p == null
                ? new Problem(clock.instant(), 1, describe(error))
                : new Problem(p.since(), p.failures() + 1, describe(error)));
    }

    public void loopRecovered(String loop) {
        paused.remove(loop);
    }

    public void relayFailed(Throwable error) {
        Problem p = relayProblem;
        relayProblem = p == null
                ? new Problem(clock.instant(), 1, describe(error))
                : new Problem(p.since(), p.failures() + 1, describe(error));
    }

    public void relayRecovered() {
        relayProblem = null;
    }

    public boolean isPaused() {
        return !paused.isEmpty();
    }

    public Map<String, Problem> pausedLoops() {
        return Map.copyOf(paused);
    }

    public Problem relayProblem() {
        return relayProblem;
    }

    private static String describe(Throwable e) {
        return e.getClass().getName() + ": " + e.getMessage();
    }
}
