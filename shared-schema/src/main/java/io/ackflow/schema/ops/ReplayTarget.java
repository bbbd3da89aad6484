package io.ackflow.schema.ops;

/**
 * A consumer group in this process that can rewind while running. Implemented by each worker group and by the
 * persister (which must also move its offsets stored in PostgreSQL). Implementations seek only the partitions this
 * instance owns; the owners of the others get the same request.
 */
public interface ReplayTarget {

    /** The consumer group id, one of {@link io.ackflow.schema.ConsumerGroups}. */
    String groupId();

    /**
     * Rewinds the partitions of {@code request.topic()} this instance owns. Called on the control-topic reader's
     * thread; implementations hand the seek to their consumer thread and return quickly.
     */
    void replay(ReplayRequest request);
}
