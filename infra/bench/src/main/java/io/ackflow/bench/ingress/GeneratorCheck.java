package io.ackflow.bench.ingress;

import io.ackflow.bench.load.LoadGenerator;
import io.ackflow.bench.load.LoadResult;
import io.ackflow.bench.load.Measurement;
import io.ackflow.bench.target.BrokerMain;
import io.ackflow.bench.target.ChildJvm;
import io.ackflow.embedded.FreePorts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code loadgen-check [--rates 1000,5000] [--duration 10s]}: drives a stub server in its own JVM with signed-webhook
 * requests (the costliest to build) and reports what the generator itself costs: its CPU and how late it sends.
 */
public final class GeneratorCheck {
    private GeneratorCheck() {}

    public static int main(String[] args) throws Exception {
        BenchOptions o = BenchOptions.parse(args);
        Path dir = o.runRoot().resolve("loadgen-check").toAbsolutePath();
        Files.createDirectories(dir);
        int port = FreePorts.pick(0);
        List<Measurement> rows = new ArrayList<>();
        try (ChildJvm stub = ChildJvm.start("stub", List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch"),
                ChildJvm.benchCommand("stub", List.of(Integer.toString(port))), Map.of(), dir.resolve("stub.log"))) {
            stub.awaitLine(BrokerMain.READY_PREFIX, Duration.ofSeconds(60));
            RequestKind kind = RequestKind.webhooks(AckflowSetup.WEBHOOK_SECRET, "check", java.time.Clock.systemUTC());
            String hostPort = "127.0.0.1:" + port;
            for (double rate : o.rates()) {
                LoadResult r = new LoadGenerator(new LoadGenerator.Settings(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), o.connections(), rate,
                        o.warmup(), o.duration(), Duration.ofSeconds(10)))
                        .run(seq -> kind.request(seq).toBytes(hostPort));
                rows.add(r.toMeasurement("generator vs stub", String.format(Locale.ROOT,
                        "generator %.1f%% of a core (%.1f µs/req)", 100 * r.generatorCpuShare(),
                        r.generatorCpu().toNanos() / 1e3 / (rate * o.warmup().plus(o.duration()).toMillis() / 1000.0))));
                System.out.println(ResultsReport.table(List.of(rows.get(rows.size() - 1))).lines().skip(2)
                        .findFirst().orElse(""));
            }
        }
        System.out.println();
        System.out.println(ResultsReport.table(rows));
        return 0;
    }
}
