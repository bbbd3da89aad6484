package io.ackflow.persister.consume;

import io.ackflow.schema.ConsumerGroups;
import io.ackflow.schema.ops.ReplayRequest;
import io.ackflow.schema.ops.ReplayTarget;

/**
 * Online replay for the persister group: each loop in this process moves the stored offsets of the partitions it owns
 * to {@code fromOffsets} in PostgreSQL and seeks, on its own thread. Rows are rewritten by the same order-independent
 * rules, so a replay yields identical rows.
 */
public final class PersisterReplayTarget implements ReplayTarget {
    private final PersisterLoops loops;

    public PersisterReplayTarget(PersisterLoops loops) {
        this.loops = loops;
    }

    @Override
    public String groupId() {
        return ConsumerGroups.PERSISTER;
    }

    @Override
    public void replay(ReplayRequest request) {
        if (ConsumerGroups.PERSISTER.equals(request.groupId())) {
            loops.loops().forEach(l -> l.requestReplay(request));
        }
    }
}
