package io.ackflow.app.chaos;

import io.ackflow.app.sweep.SecuritySweep;
import io.ackflow.app.sweep.SweepResult;
import io.ackflow.app.sweep.SweepTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bad-input and security sweep as the last step of a chaos run, once the load has stopped: every role process of
 * the topology, its credentials, and the log of every process ({@code logs/*.log} for the roles,
 * {@code kafka/node-N.log} for the brokers; not the brokers' data segments, also named {@code *.log}, which hold the
 * reference topics and so, by design, the sources' and bots' secrets). Writes {@code sweep-inputs.jsonl}.
 */
final class SweepStep {
    private static final Logger log = LoggerFactory.getLogger(SweepStep.class);

    private SweepStep() {}

    static SweepResult run(Topology topology, ChaosOptions options) {
        List<SweepTarget.Process> processes = topology.all().stream()
                .map(r -> new SweepTarget.Process(r.name(), Set.copyOf(r.roles()), URI.create(r.baseUrl())))
                .toList();
        SweepTarget target = new SweepTarget(processes, topology.bootstrapServers(), Topology.ADMIN_TOKEN,
                List.of(Topology.API_KEY), Topology.DATABASE_PASSWORD, logFiles(topology.dir()), null);
        log.info("sweep: {} processes, {} log files", processes.size(), target.logFiles().size());
        SecuritySweep sweep = new SecuritySweep(target, options.seed(), Clock.systemUTC());
        SweepResult result = sweep.run();
        sweep.writeOutcomes(options.reportDir().resolve("sweep-inputs.jsonl"));
        return result;
    }

    private static List<Path> logFiles(Path dir) {
        List<Path> out = new ArrayList<>();
        for (Path folder : List.of(dir.resolve("logs"), dir.resolve("kafka"))) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".log"))
                        .sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException("could not list the log files in " + folder, e);
            }
        }
        return out;
    }
}
