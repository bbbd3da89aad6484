package io.ackflow.persister.consume;

import io.ackflow.persister.PersisterProperties;
import io.ackflow.persister.upsert.FlushHook;
import org.springframework.context.SmartLifecycle;

/**
 * Runs this process's persister loop between context start and shutdown. It starts last and stops first (the default
 * phase), so on shutdown the loop flushes its buffer and leaves the group while the pool and producer still work.
 */
public final class PersisterLifecycle implements SmartLifecycle {
    private final PersisterLoops loops;
    private final PersisterProperties props;
    private final String name;
    private final String instanceId;
    private volatile PersisterLoop loop;

    public PersisterLifecycle(PersisterLoops loops, PersisterProperties props, String instanceId) {
        this.loops = loops;
        this.props = props;
        this.instanceId = instanceId == null || instanceId.isBlank() ? null : instanceId;
        this.name = this.instanceId != null ? this.instanceId : "pid" + ProcessHandle.current().pid();
    }

    @Override
    public synchronized void start() {
        if (props.enabled() && (loop == null || !loop.isRunning())) {
            loop = loops.create(name, instanceId, FlushHook.NONE);
            loop.start();
        }
    }

    @Override
    public synchronized void stop() {
        PersisterLoop l = loop;
        if (l != null) {
            l.stop(props.shutdownTimeout());
        }
    }

    @Override
    public boolean isRunning() {
        PersisterLoop l = loop;
        return l != null && l.isRunning();
    }

    /** The running loop, or null. */
    public PersisterLoop loop() {
        return loop;
    }
}
