package io.ackflow.app.chaos;

import io.ackflow.app.cli.CliArgs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** One fault family; a run injects one fault of each scenario it names while the load runs. */
public enum Scenario {
    KILL_WORKERS("kill-workers", "kill -9 of a workers process, then a restart"),
    KILL_PERSISTER("kill-persister", "kill -9 of a persister process, then a restart"),
    KILL_INGRESS("kill-ingress", "kill -9 of an ingress process, then a restart"),
    KILL_BROKER("kill-broker", "kill -9 of the broker leading the most bid partitions, then a restart"),
    FREEZE_WORKERS("freeze-workers", "SIGSTOP of a workers process for longer than its session timeout, then SIGCONT"),
    STOP_POSTGRES("stop-postgres", "PostgreSQL stopped for 20 s, then started"),
    POISON("poison", "a poison record written straight into every topic a consumer group reads"),
    FAKE_FAULTS("fake-faults", "the fake Telegram Bot API and order gateway slow, then answering 5xx, then 429 with "
            + "a retry-after, then recovered"),
    /** Both consumer roles at once: the cheapest check of both offset paths. */
    KILL_CONSUMERS("kill-consumers", "kill -9 of a workers and a persister process at once, then restarts"),
    /** Several families in one scenario, early in the load: the short run in the test command. */
    MIXED("mixed", "poison in every consumed topic; the fakes slow, 5xx, then 429; then kill -9 of a broker and of a "
            + "workers process at once, and restarts");

    private final String id;
    private final String description;

    Scenario(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /**
     * When the fault begins, as a share of the load's duration (before a seeded jitter): a third of the way in, so
     * there are "before" figures; {@link #MIXED} early, since its faults come one after the other.
     */
    public double faultAt() {
        return this == MIXED ? 0.1 : 1.0 / 3;
    }

    /** {@code all}, {@code none} (only the bad-input sweep), or comma-separated scenario ids. */
    public static List<Scenario> parse(String text) {
        if (text.equalsIgnoreCase("none")) {
            return List.of();
        }
        if (text.equalsIgnoreCase("all")) {
            return Arrays.stream(values()).filter(s -> s != KILL_CONSUMERS && s != MIXED).toList();
        }
        List<Scenario> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            Scenario s = Arrays.stream(values()).filter(v -> v.id.equals(name)).findFirst()
                    .orElseThrow(() -> new CliArgs.UsageException("unknown scenario '" + name + "'; known: all, none, "
                            + Arrays.stream(values()).map(Scenario::id).collect(Collectors.joining(", "))));
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }
}
