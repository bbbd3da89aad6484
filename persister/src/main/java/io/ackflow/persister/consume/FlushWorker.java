package io.ackflow.persister.consume;

import io.ackflow.persister.upsert.BatchFlusher;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch at a time on its own named thread, so that the loop thread polls and decodes the next batch while
 * PostgreSQL works on this one. At most one batch is in flight: the loop submits the next only after it has handled
 * this one's outcome, because the offsets this one stores are the ones the next one's fence expects.
 *
 * <p>Only the loop thread calls it.
 */
final class FlushWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FlushWorker.class);

    /**
     * How a flush ended: a result, or the exception that stopped it (then nothing was committed).
     *
     * @param nanos time spent in {@link BatchFlusher#flush} (fence, rows, offsets, dead letters, commit)
     * @param committedAtMillis wall-clock time right after the commit (0 when it failed), for the persist lag
     */
    record Outcome(Batch batch, BatchFlusher.Result result, Exception error, long nanos, long committedAtMillis) {}

    private final BatchFlusher flusher;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Duration closeTimeout;
    private final ExecutorService thread;
    private Future<Outcome> inFlight;
    private Batch inFlightBatch;

    FlushWorker(String threadName, BatchFlusher flusher, Clock clock, LongSupplier nanoTime, Duration closeTimeout) {
        this.flusher = flusher;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.closeTimeout = closeTimeout;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            // the loop thread owns the lifecycle; a flush left hanging on a dead socket must not keep the JVM up
            t.setDaemon(true);
            return t;
        });
    }

    void submit(Batch batch) {
        if (inFlight != null) {
            throw new IllegalStateException("a batch of " + batch.facts().size()
                    + " records was submitted while another was in flight");
        }
        inFlight = thread.submit(() -> flush(batch));
        inFlightBatch = batch;
    }

    /** True from {@link #submit} until its outcome has been taken by {@link #poll} or {@link #await}. */
    boolean busy() {
        return inFlight != null;
    }

    /** The outcome of the batch in flight if its flush has ended, else null. */
    Outcome poll() {
        return inFlight != null && inFlight.isDone() ? await() : null;
    }

    /** Waits for the batch in flight and returns its outcome; null when none is in flight. */
    Outcome await() {
        Future<Outcome> f = inFlight;
        if (f == null) {
            return null;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    Outcome o = f.get();
                    inFlight = null;
                    return o;
                } catch (InterruptedException e) {
                    // the flush finishes on its own; answering without its outcome could lose the batch
                    interrupted = true;
                } catch (ExecutionException e) {
                    // flush() catches every Exception, so an Error ended it: a failed flush, to be retried
                    inFlight = null;
                    return new Outcome(inFlightBatch, null,
                            new IllegalStateException("flush failed: " + e.getCause(), e.getCause()), 0, 0);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Outcome flush(Batch batch) {
        long started = nanoTime.getAsLong();
        try {
            BatchFlusher.Result result = flusher.flush(batch.facts(), batch.expected(), batch.next());
            return new Outcome(batch, result, null, nanoTime.getAsLong() - started, clock.millis());
        } catch (Exception e) {
            return new Outcome(batch, null, e, nanoTime.getAsLong() - started, 0);
        }
    }

    /** Lets a flush in flight end (its outcome is not read), then stops the thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("A persister flush was still running {} after its loop stopped; leaving it", closeTimeout);
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }
}
