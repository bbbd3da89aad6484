package io.ackflow.workers.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * This process's identity for static group membership: {@code ackflow.instance-id}, by default
 * {@code <hostname>-<server.port>}. Each consumer's {@code group.instance.id} is {@code <group>-<instance-id>}, so a
 * restarted instance gets its partitions back at once instead of after a rebalance. Two live processes must never share
 * an instance id: operators set it per instance when the default (host and port) is not unique.
 */
@Component
public class WorkerInstance {
    public static final String PROPERTY = "ackflow.instance-id";

    private final String id;

    public WorkerInstance(Environment env) {
        String configured = env.getProperty(PROPERTY);
        this.id = configured == null || configured.isBlank()
                ? hostname() + "-" + env.getProperty("server.port", "8080")
                : configured.trim();
    }

    public String id() {
        return id;
    }

    /** The {@code group.instance.id} of this process's consumer in {@code group}. */
    public String groupInstanceId(String group) {
        return group + "-" + id;
    }

    private static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
