package io.ackflow.persister.upsert;

import java.util.List;

/**
 * Where poison records go: the dead-letter topic. Called inside the flush, before the commit that moves the stored
 * offset past them, and must return only once the broker has them; a failure fails the flush (which is retried).
 */
@FunctionalInterface
public interface PoisonSink {
    void publish(List<Fact> poison) throws Exception;
}
