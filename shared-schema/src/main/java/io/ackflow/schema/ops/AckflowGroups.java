package io.ackflow.schema.ops;

import io.ackflow.schema.ConsumerGroups;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The consumer groups of {@link ConsumerGroups}, and the worker-group selection contract of
 * {@code ./ackflow workers --groups bids,orders}: property {@value #WORKER_GROUPS_PROPERTY}, a comma-separated list
 * of short names (the part after {@code ackflow.workers.}) or full group ids; blank means every worker group. An
 * unknown name fails at start-up. Workers honour it with {@link ConditionalOnWorkerGroup}.
 */
public final class AckflowGroups {
    public static final String WORKER_GROUPS_PROPERTY = "ackflow.workers.groups";
    private static final String WORKER_PREFIX = "ackflow.workers.";

    private AckflowGroups() {}

    /** Every group id named in {@link ConsumerGroups}, in declaration order. */
    public static List<String> all() {
        List<String> ids = new ArrayList<>();
        for (Field f : ConsumerGroups.class.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isPublic(m) && Modifier.isStatic(m) && f.getType() == String.class) {
                try {
                    ids.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return List.copyOf(ids);
    }

    /** Short name ({@code bids}) to group id ({@code ackflow.workers.bids}) of every worker group. */
    public static Map<String, String> workerGroups() {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String id : all()) {
            if (id.startsWith(WORKER_PREFIX)) {
                byName.put(id.substring(WORKER_PREFIX.length()), id);
            }
        }
        return byName;
    }

    /**
     * The worker group ids selected by a {@value #WORKER_GROUPS_PROPERTY} value.
     *
     * @throws IllegalArgumentException naming the property and the known names, for an unknown name
     */
    public static Set<String> selectWorkers(String value) {
        Map<String, String> known = workerGroups();
        if (value == null || value.isBlank()) {
            return new LinkedHashSet<>(known.values());
        }
        Set<String> selected = new LinkedHashSet<>();
        for (String raw : value.split(",")) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (known.containsKey(name)) {
                selected.add(known.get(name));
            } else if (known.containsValue(name)) {
                selected.add(name);
            } else {
                throw new IllegalArgumentException(WORKER_GROUPS_PROPERTY + " has unknown group '" + raw.trim()
                        + "'; known: " + String.join(", ", known.keySet()));
            }
        }
        if (selected.isEmpty()) {
            throw new IllegalArgumentException(WORKER_GROUPS_PROPERTY + " names no group: '" + value + "'");
        }
        return selected;
    }

    /** Whether {@code groupId} runs under a {@value #WORKER_GROUPS_PROPERTY} value. */
    public static boolean isWorkerSelected(String value, String groupId) {
        return selectWorkers(value).contains(groupId);
    }
}
