package io.ackflow.ingress.publish;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the health indicator reports, kept up to date by sends and the background probe, so a probe costs no broker
 * round trip.
 */
public final class ProducerState {
    /** The latest fact about the producer: when, whether it was good, and why not. */
    public record Snapshot(boolean warmedUp, Outcome lastSend, Outcome lastProbe) {}

    public record Outcome(boolean ok, Instant at, String detail) {}

    private final Clock clock;
    private final java.util.concurrent.CountDownLatch warmedUp = new java.util.concurrent.CountDownLatch(1);
    private final AtomicReference<Outcome> lastSend = new AtomicReference<>();
    private final AtomicReference<Outcome> lastProbe = new AtomicReference<>();

    public ProducerState(Clock clock) {
        this.clock = clock;
    }

    void warmedUp() {
        warmedUp.countDown();
    }

    boolean awaitWarmUp(java.time.Duration timeout) throws InterruptedException {
        return warmedUp.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    void sendSucceeded() {
        Outcome last = lastSend.get();
        if (last == null || !last.ok()) {
            lastSend.set(new Outcome(true, clock.instant(), null));
        }
    }

    void sendFailed(Exception e) {
        lastSend.set(new Outcome(false, clock.instant(), e.getClass().getSimpleName()));
    }

    void probed(boolean ok, String detail) {
        lastProbe.set(new Outcome(ok, clock.instant(), detail));
    }

    public Snapshot snapshot() {
        return new Snapshot(warmedUp.getCount() == 0, lastSend.get(), lastProbe.get());
    }
}
