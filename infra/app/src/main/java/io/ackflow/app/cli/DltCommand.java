package io.ackflow.app.cli;

import io.ackflow.app.ops.dlt.DeadLetter;
import io.ackflow.app.ops.dlt.DeadLetters;
import io.ackflow.app.ops.dlt.RedriveReport;
import io.ackflow.app.ops.dlt.RedriveSpec;
import io.ackflow.schema.Headers;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./ackflow dlt list | show --topic T [--limit N] [--partition P] [--from-offset O] | redrive --topic T
 * [--partition P] [--from-offset O] [--to-offset O] [--error-class C] [--key K] [--max-redrives 3] [--dry-run]}.
 */
public final class DltCommand {
    private static final Set<String> COMMON = Set.of("bootstrap", "command-config", "timeout");
    private static final Set<String> SHOW = Set.of("topic", "limit", "partition", "from-offset");
    private static final Set<String> REDRIVE = Set.of("topic", "partition", "from-offset", "to-offset", "error-class",
            "key", "max-redrives", "dry-run");

    private DltCommand() {}

    public static int run(String[] argv, Map<String, String> env, PrintStream out) {
        CliArgs args = CliArgs.parse(argv, Set.of("dry-run"));
        List<String> words = args.positional();
        String sub = words.isEmpty() ? "" : words.get(0);
        Duration timeout = Durations.parse(args.get("timeout").orElse("15s"), "--timeout");
        switch (sub) {
            case "list" -> {
                args.allow(COMMON);
                list(new DeadLetters(KafkaClients.from(args, env), timeout), out);
            }
            case "show" -> {
                args.allow(union(COMMON, SHOW));
                show(new DeadLetters(KafkaClients.from(args, env), timeout), args, out);
            }
            case "redrive" -> {
                args.allow(union(COMMON, REDRIVE));
                RedriveSpec spec = new RedriveSpec(args.require("topic"),
                        args.get("partition").map(Integer::valueOf).orElse(null),
                        args.longValue("from-offset").orElse(null), args.longValue("to-offset").orElse(null),
                        args.get("error-class").orElse(null), args.get("key").orElse(null), args.flag("dry-run"),
                        args.intValue("max-redrives", RedriveSpec.DEFAULT_MAX_REDRIVES));
                RedriveReport report = new DeadLetters(KafkaClients.from(args, env), timeout).redrive(spec);
                report.lines().forEach(out::println);
                out.println(report.summary());
            }
            default -> throw new CliArgs.UsageException("dlt needs one of: list, show, redrive");
        }
        return 0;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> s = new java.util.HashSet<>(a);
        s.addAll(b);
        return s;
    }

    private static void list(DeadLetters dlt, PrintStream out) {
        Map<String, Map<String, Long>> counts = dlt.list();
        Table t = new Table("DLT-TOPIC", "ERROR-CLASS", "RECORDS");
        counts.forEach((topic, byClass) -> {
            if (byClass.isEmpty()) {
                t.row(topic, "", 0);
            }
            byClass.forEach((cls, n) -> t.row(topic, cls, n));
        });
        t.print(out);
    }

    private static void show(DeadLetters dlt, CliArgs args, PrintStream out) {
        List<DeadLetter> records = dlt.show(args.require("topic"),
                args.get("partition").map(Integer::valueOf).orElse(null), args.longValue("from-offset").orElse(null),
                args.intValue("limit", 20));
        for (DeadLetter d : records) {
            out.println(d.topic() + "/" + d.partition() + "@" + d.offset() + "  " + d.timestamp() + "  key=" + d.key());
            out.println("  error:     " + d.errorClass() + (d.causeClass() == null ? "" : " (cause " + d.causeClass()
                    + ")"));
            out.println("  message:   " + d.errorMessage());
            out.println("  original:  " + d.headers().get(Headers.DLT_ORIGINAL_TOPIC) + "/"
                    + d.headers().get(Headers.DLT_ORIGINAL_PARTITION) + "@"
                    + d.headers().get(Headers.DLT_ORIGINAL_OFFSET) + " group "
                    + d.headers().get(Headers.DLT_ORIGINAL_CONSUMER_GROUP));
            out.println("  redriven:  " + d.redriveCount() + " time(s)");
            out.println("  event id:  " + d.headers().get(Headers.EVENT_ID));
            out.println("  value:     " + d.valueText(500));
        }
        out.println(records.size() + " record(s)");
    }
}
