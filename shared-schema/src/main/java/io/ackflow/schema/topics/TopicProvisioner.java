package io.ackflow.schema.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates missing topics and refuses to run against topics whose partition count differs from the configuration: a
 * silent mismatch would break key ordering assumptions and the persister's stored offsets.
 */
public final class TopicProvisioner {
    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Map<String, Object> adminProperties;
    private final TopicProperties properties;
    private final Duration timeout;

    public TopicProvisioner(Map<String, Object> adminProperties, TopicProperties properties, Duration timeout) {
        this.adminProperties = adminProperties;
        this.properties = properties;
        this.timeout = timeout;
    }

    /** Creates what is missing, then checks every topic. Throws {@link TopicMismatchException} on a mismatch. */
    public void provision() {
        List<TopicCatalog.Spec> specs = TopicCatalog.specs(properties);
        try (Admin admin = Admin.create(adminProperties)) {
            if (properties.create()) {
                create(admin, specs);
            }
            verify(admin, specs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not provision topics within " + timeout + " (bootstrap "
                    + adminProperties.get("bootstrap.servers") + "): " + e.getMessage(), e);
        }
    }

    private void create(Admin admin, List<TopicCatalog.Spec> specs)
            throws InterruptedException, ExecutionException, TimeoutException {
        var existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<NewTopic> missing = new ArrayList<>();
        for (TopicCatalog.Spec spec : specs) {
            if (!existing.contains(spec.name())) {
                Map<String, String> configs = new HashMap<>();
                configs.put("min.insync.replicas", String.valueOf(properties.minInsyncReplicas()));
                if (spec.compacted()) {
                    configs.put("cleanup.policy", "compact");
                }
                missing.add(new NewTopic(spec.name(), spec.partitions(), properties.replicationFactor())
                        .configs(configs));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        var result = admin.createTopics(missing);
        for (var entry : result.values().entrySet()) {
            try {
                entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        log.info("Created {} topics", missing.size());
    }

    private void verify(Admin admin, List<TopicCatalog.Spec> specs)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> names = specs.stream().map(TopicCatalog.Spec::name).toList();
        Map<String, TopicDescription> described = describe(admin, names);
        List<String> problems = new ArrayList<>();
        for (TopicCatalog.Spec spec : specs) {
            TopicDescription d = described.get(spec.name());
            if (d == null) {
                problems.add(spec.name() + " is missing");
            } else if (d.partitions().size() != spec.partitions()) {
                problems.add(spec.name() + " has " + d.partitions().size() + " partitions, configuration says "
                        + spec.partitions());
            }
        }
        if (!problems.isEmpty()) {
            throw new TopicMismatchException(problems);
        }
        log.info("Checked {} topics against the configuration", specs.size());
    }

    /**
     * Describes {@code names}, retrying while a broker answers "unknown topic": right after creation a broker's
     * metadata cache may not have the new topics yet.
     */
    private Map<String, TopicDescription> describe(Admin admin, List<String> names)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return admin.describeTopics(names).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    /** The broker's topics do not match {@code ackflow.topics.*}. */
    public static final class TopicMismatchException extends IllegalStateException {
        public TopicMismatchException(List<String> problems) {
            super("Topics do not match the configuration (ackflow.topics.*); refusing to run: "
                    + String.join("; ", problems));
        }
    }
}
