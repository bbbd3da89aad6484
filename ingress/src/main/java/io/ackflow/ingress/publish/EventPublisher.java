package io.ackflow.ingress.publish;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records with a raw idempotent producer and completes a future from the producer's callback, so no request
 * thread waits for the broker. In-flight sends are bounded: past the bound a request is refused at once (503) rather
 * than queued without limit.
 */
public final class EventPublisher {
    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);
    /** Extra time past the producer's delivery timeout before the HTTP answer gives up on the callback. */
    private static final long GUARD_MILLIS = 500;

    private final Producer<String, byte[]> producer;
    private final IngressMetrics metrics;
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final long guardMillis;
    private final ProducerState state;

    public EventPublisher(
            Producer<String, byte[]> producer,
            IngressMetrics metrics,
            ProducerState state,
            int maxInFlight,
            long ackTimeoutMillis) {
        this.producer = producer;
        this.metrics = metrics;
        this.state = state;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        this.guardMillis = ackTimeoutMillis + GUARD_MILLIS;
        metrics.inFlight(this::inFlight);
    }

    /**
     * Publishes {@code event}. The future completes with the broker's {@link Ack}, or fails with
     * {@link PublishFailedException}.
     *
     * @throws IngressOverloadedException at once when {@code ackflow.ingress.max-in-flight} sends are pending
     */
    public CompletableFuture<Ack> publish(OutboundEvent event) {
        if (!inFlight.tryAcquire()) {
            metrics.rejected("overloaded");
            throw new IngressOverloadedException(maxInFlight);
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                inFlight.release();
            }
        };
        CompletableFuture<Ack> result = new CompletableFuture<>();
        long started = System.nanoTime();
        try {
            producer.send(event.toRecord(), (metadata, error) -> {
                release.run();
                complete(event, result, metadata, error, System.nanoTime() - started);
            });
        } catch (RuntimeException e) {
            release.run();
            complete(event, result, null, e, System.nanoTime() - started);
        }
        return result.orTimeout(guardMillis, TimeUnit.MILLISECONDS).exceptionallyCompose(e -> {
            if (e instanceof TimeoutException) {
                return CompletableFuture.failedFuture(new PublishFailedException(
                        "no acknowledgement within " + guardMillis + " ms", e, true));
            }
            return CompletableFuture.failedFuture(e);
        });
    }

    public int inFlight() {
        return maxInFlight - inFlight.availablePermits();
    }

    private void complete(
            OutboundEvent event, CompletableFuture<Ack> result, RecordMetadata metadata, Exception error, long nanos) {
        if (error == null) {
            state.sendSucceeded();
            metrics.acknowledged(event.endpoint(), "acked", nanos);
            result.complete(new Ack(metadata.topic(), metadata.partition(), metadata.offset()));
            return;
        }
        boolean timeout = error instanceof org.apache.kafka.common.errors.TimeoutException;
        if (error instanceof org.apache.kafka.common.errors.RetriableException) {
            state.sendFailed(error); // the broker side is unwell; a refused record says nothing about the broker
        }
        metrics.acknowledged(event.endpoint(), timeout ? "timeout" : "failed", nanos);
        metrics.publishFailed(event.endpoint());
        log.debug("Publish of {} to {} failed: {}", event.eventId(), event.topic(), error.toString());
        result.completeExceptionally(new PublishFailedException(
                "the broker did not acknowledge event " + event.eventId() + " on " + event.topic() + ": "
                        + error.getClass().getSimpleName(),
                error,
                timeout));
    }
}
