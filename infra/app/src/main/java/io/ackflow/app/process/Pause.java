package io.ackflow.app.process;

import java.time.Duration;

/**
 * Pacing for the commands that drive processes (chaos faults, polling a cluster or a sweep): they run on wall-clock time
 * by design. An interrupt ends the command.
 */
public final class Pause {
    private Pause() {}

    public static void of(Duration d) {
        try {
            Thread.sleep(Math.max(0, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
