package io.ackflow.app.chaos;

import java.time.Duration;

/** The run's own pacing (fault durations, polling); a run is driven by wall-clock time by design. */
final class Pause {
    private Pause() {}

    static void of(Duration d) {
        try {
            Thread.sleep(Math.max(0, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
