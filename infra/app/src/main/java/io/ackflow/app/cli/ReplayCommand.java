package io.ackflow.app.cli;

import io.ackflow.app.ops.replay.PersisterOffsetStore;
import io.ackflow.app.ops.replay.ReplayPlan;
import io.ackflow.app.ops.replay.ReplaySpec;
import io.ackflow.app.ops.replay.Replayer;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;

/**
 * {@code ./ackflow replay --group G --topic T --from <offset|ISO time|duration> [--to ...] [--partitions 0,1]
 * [--dry-run] [--online|--offline] [--database-url URL]}.
 */
public final class ReplayCommand {
    private static final Set<String> OPTIONS = Set.of("group", "topic", "from", "to", "partitions", "dry-run",
            "online", "offline", "database-url", "bootstrap", "command-config", "timeout");

    private ReplayCommand() {}

    public static int run(String[] argv, Map<String, String> env, PrintStream out) {
        CliArgs args = CliArgs.parse(argv, Set.of("dry-run", "online", "offline")).allow(OPTIONS);
        if (args.flag("online") && args.flag("offline")) {
            throw new CliArgs.UsageException("--online and --offline exclude each other");
        }
        ReplaySpec.Mode mode = args.flag("online") ? ReplaySpec.Mode.ONLINE
                : args.flag("offline") ? ReplaySpec.Mode.OFFLINE : ReplaySpec.Mode.AUTO;
        ReplaySpec spec = new ReplaySpec(args.require("group"), args.require("topic"), args.require("from"),
                args.get("to").orElse(null), partitions(args), mode);
        Duration timeout = Durations.parse(args.get("timeout").orElse("15s"), "--timeout");
        Map<String, Object> client = KafkaClients.from(args, env);
        try (Replayer replayer = new Replayer(Admin.create(client), client, timeout, Clock.systemUTC(),
                DatabaseUrl.from(args, env).map(d -> PersisterOffsetStore.forUrl(d.jdbcUrl(), d.user(), d.password())),
                null)) {
            ReplayPlan plan = replayer.plan(spec);
            print(plan, out);
            if (args.flag("dry-run")) {
                out.println("Dry run: nothing changed.");
                return 0;
            }
            Replayer.ReplayOutcome outcome = replayer.apply(plan);
            out.println("Replay " + plan.replayId() + " applied (" + plan.mode().name().toLowerCase() + "): "
                    + outcome.note());
            return 0;
        }
    }

    static List<Integer> partitions(CliArgs args) {
        return args.get("partitions")
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(s -> {
                    try {
                        return Integer.parseInt(s);
                    } catch (NumberFormatException e) {
                        throw new CliArgs.UsageException("--partitions must list numbers like 0,1,2; got '" + v + "'");
                    }
                }).toList())
                .orElse(List.of());
    }

    public static void print(ReplayPlan plan, PrintStream out) {
        out.println("Replay plan " + plan.replayId() + ": group " + plan.group() + ", topic " + plan.topic() + ", "
                + plan.members() + " active member(s), mode " + plan.mode().name().toLowerCase());
        Table t = new Table("PARTITION", "COMMITTED", "FROM", "TO", "RECORDS");
        plan.partitions().forEach(p -> t.row(p.partition(), p.committedOffset() < 0 ? "-" : p.committedOffset(),
                p.fromOffset(), p.toOffset(), p.records()));
        t.print(out);
        out.println("Total records to re-read: " + plan.records());
    }
}
