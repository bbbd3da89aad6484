package io.ackflow.persister.consume;

import io.ackflow.persister.PersisterProperties;
import io.ackflow.persister.upsert.FlushHook;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.SmartLifecycle;

/**
 * Runs this process's persister loops ({@code ackflow.persister.loops} of them) between context start and shutdown.
 * They start last and stop first (the default phase), so on shutdown each loop flushes its buffer and leaves the group
 * while the pool and producer still work.
 *
 * <p>Loop 0 is named after the instance ({@code ackflow.instance-id}, else the pid) and uses the instance id as its
 * {@code group.instance.id}; loop {@code i > 0} appends {@code -i} to both (see {@link PersisterLoops#createLoops}).
 */
public final class PersisterLifecycle implements SmartLifecycle {
    private final PersisterLoops loops;
    private final PersisterProperties props;
    private final String name;
    private final String instanceId;
    private final List<PersisterLoop> started = new ArrayList<>();

    public PersisterLifecycle(PersisterLoops loops, PersisterProperties props, String instanceId) {
        this.loops = loops;
        this.props = props;
        this.instanceId = instanceId == null || instanceId.isBlank() ? null : instanceId;
        this.name = this.instanceId != null ? this.instanceId : "pid" + ProcessHandle.current().pid();
    }

    @Override
    public synchronized void start() {
        if (!props.enabled() || isRunning()) {
            return;
        }
        started.clear();
        started.addAll(loops.createLoops(name, instanceId, props.loops(), FlushHook.NONE));
        started.forEach(PersisterLoop::start);
    }

    /**
     * Stops every loop: each flushes its buffer once and leaves the group. All are told first, so that none takes
     * over the partitions another one is leaving.
     */
    @Override
    public synchronized void stop() {
        started.forEach(PersisterLoop::requestStop);
        for (PersisterLoop loop : started) {
            loop.stop(props.shutdownTimeout());
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return started.stream().anyMatch(PersisterLoop::isRunning);
    }

    /** The loops started by the last {@link #start}. */
    public synchronized List<PersisterLoop> loops() {
        return List.copyOf(started);
    }
}
