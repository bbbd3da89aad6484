package io.ackflow.ingress.reference;

import io.ackflow.schema.view.ReferenceView;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Looks a definition up in a {@link ReferenceView}. A miss waits (at most {@code wait}) for the view to catch up with
 * the broker, so a webhook sent right after its source's {@code PUT} is not refused; only a few requests wait at once,
 * so a flood of unknown ids cannot tie up request threads.
 */
public final class ReferenceLookup<V> implements AutoCloseable {
    private static final int MAX_WAITING = 4;

    private final ReferenceView<V> view;
    private final Duration wait;
    private final Semaphore waiting = new Semaphore(MAX_WAITING);

    public ReferenceLookup(ReferenceView<V> view, Duration wait) {
        this.view = view;
        this.wait = wait;
    }

    public Optional<V> find(String key) {
        Optional<V> value = view.get(key);
        if (value.isPresent() || wait.isZero() || !waiting.tryAcquire()) {
            return value;
        }
        try {
            view.awaitCurrent(wait);
            return view.get(key);
        } finally {
            waiting.release();
        }
    }

    public boolean isLoaded() {
        return view.isLoaded();
    }

    @Override
    public void close() {
        view.close();
    }
}
