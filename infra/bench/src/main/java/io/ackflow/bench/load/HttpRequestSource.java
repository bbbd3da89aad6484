package io.ackflow.bench.load;

/**
 * The complete bytes of request number {@code seq} (request line, headers, body). Called on the generator's sender
 * thread just before the request is written, so it may use the current time (for example to sign a webhook), and
 * must be fast: it is on the critical path of the schedule.
 */
@FunctionalInterface
public interface HttpRequestSource {
    byte[] request(long seq);
}
