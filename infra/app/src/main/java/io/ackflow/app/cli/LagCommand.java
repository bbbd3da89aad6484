package io.ackflow.app.cli;

import io.ackflow.app.ops.lag.LagProbe;
import io.ackflow.app.ops.lag.LagTracker;
import io.ackflow.app.ops.lag.PartitionLag;
import io.ackflow.schema.ops.AckflowGroups;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./ackflow lag [--group G] [--watch] [--interval 5s] [--stall-after 60s]}: per group, topic and partition the
 * committed offset, end offset, lag in records and seconds, consume rate and time to drain. Without {@code --watch} it
 * takes two samples {@code --interval} apart (default 2s) so rates are known.
 */
public final class LagCommand {
    private static final Set<String> OPTIONS =
            Set.of("group", "watch", "interval", "stall-after", "bootstrap", "command-config", "timeout");

    private LagCommand() {}

    public static int run(String[] argv, Map<String, String> env, PrintStream out) throws InterruptedException {
        CliArgs args = CliArgs.parse(argv, Set.of("watch")).allow(OPTIONS);
        List<String> groups = args.get("group").map(List::of).orElse(AckflowGroups.all());
        boolean watch = args.flag("watch");
        Duration interval = Durations.parse(args.get("interval").orElse(watch ? "5s" : "2s"), "--interval");
        Duration stallAfter = Durations.parse(args.get("stall-after").orElse("60s"), "--stall-after");
        Duration timeout = Durations.parse(args.get("timeout").orElse("10s"), "--timeout");
        LagTracker tracker = new LagTracker(stallAfter, Duration.ofMinutes(1));
        try (LagProbe probe = new LagProbe(KafkaClients.from(args, env), timeout, Clock.systemUTC())) {
            tracker.update(probe.sample(groups));
            do {
                Thread.sleep(interval.toMillis());
                List<PartitionLag> lags = tracker.update(probe.sample(groups));
                if (watch) {
                    out.println();
                    out.println(java.time.Instant.now());
                }
                print(lags, out);
            } while (watch);
        }
        return 0;
    }

    public static void print(List<PartitionLag> lags, PrintStream out) {
        if (lags.isEmpty()) {
            out.println("No committed offsets for the selected group(s).");
            return;
        }
        Table t = new Table("GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "LAG-SECONDS",
                "RATE/S", "DRAIN", "STALLED", "CONSUMER");
        for (PartitionLag l : lags) {
            t.row(l.group(), l.topic(), l.partition(), l.committedOffset(), l.endOffset(), l.lag(),
                    l.lagSeconds() == null ? "?" : String.format("%.1f", l.lagSeconds()),
                    l.consumeRate() == null ? "?" : String.format("%.1f", l.consumeRate()),
                    drain(l), l.stalled() ? "STALLED" : "", l.consumer());
        }
        t.print(out);
    }

    private static String drain(PartitionLag l) {
        if (l.drainSeconds() == null) {
            return l.lag() == 0 ? "0s" : "never";
        }
        return Durations.format(Duration.ofMillis((long) (l.drainSeconds() * 1000)));
    }
}
