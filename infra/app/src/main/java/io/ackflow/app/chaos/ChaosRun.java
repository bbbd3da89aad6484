package io.ackflow.app.chaos;

import io.ackflow.app.process.Pause;
import io.ackflow.app.sweep.SweepResult;
import io.ackflow.schema.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scenarios one after the other on one topology: each defines its own auctions, source, bot and quiz
 * ({@link LoadFixture}), puts the mixed load on ingress, injects its fault a third of the way in (plus a seeded
 * jitter), waits for quiescence and checks the end state.
 */
public final class ChaosRun {
    private static final Logger log = LoggerFactory.getLogger(ChaosRun.class);
    static final String PROBE_BIDDER = "probe";
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final Duration QUIESCENCE_TIMEOUT = Duration.ofMinutes(3);

    private final ChaosOptions options;
    private final Topology topology;
    private final Random random;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AdminApi admin = new AdminApi();

    private ChaosRun(ChaosOptions options, Topology topology) {
        this.options = options;
        this.topology = topology;
        this.random = new Random(options.seed());
    }

    /** What a run found: each scenario's result, and the sweep's (null when {@code --no-sweep}). */
    public record Outcome(List<ScenarioResult> scenarios, SweepResult sweep) {
        public boolean passed() {
            return scenarios.stream().allMatch(ScenarioResult::passed) && (sweep == null || sweep.passed());
        }
    }

    /** Starts the topology, runs every scenario, writes the reports, stops everything. */
    public static List<ScenarioResult> run(Path jar, ChaosOptions options, String command) {
        return execute(jar, options, command).scenarios();
    }

    /** {@link #run}, then the bad-input and security sweep on the same topology once the load has stopped. */
    public static Outcome execute(Path jar, ChaosOptions options, String command) {
        try (Topology topology = Topology.start(jar, options)) {
            ChaosRun run = new ChaosRun(options, topology);
            List<ScenarioResult> results = new ArrayList<>();
            try (LagWatch lag = new LagWatch(topology.bootstrapServers(), Checker.GROUPS,
                    new StoredState(topology.jdbcUrl()))) {
                if (!options.shortRun() && !options.scenarios().isEmpty()) {
                    run.warmUp();
                }
                for (Scenario s : options.scenarios()) {
                    results.add(run.scenario(s, results.size() + 1, lag));
                    ChaosReport.write(options.reportDir(), options, command, results);
                }
            }
            SweepResult sweep = null;
            if (options.sweep()) {
                sweep = SweepStep.run(topology, options);
                ChaosReport.write(options.reportDir(), options, command, results, sweep);
            }
            return new Outcome(List.copyOf(results), sweep);
        }
    }

    /** Load without faults or checks, so the first scenario's "before" figures are not those of cold JVMs. */
    private void warmUp() {
        LoadFixture fixture = define("chaos-" + options.seed() + "-warmup", 0);
        log.info("warm-up: {} s of load", WARM_UP.toSeconds());
        new LoadGenerator("warmup", new RequestMix("warmup", fixture, options.rate(), options.seed()),
                () -> topology.roles("ingress")).run(options.rate(), WARM_UP);
    }

    /** A scenario's own definitions, known to every ingress; the last auction probed until the bid worker has it. */
    private LoadFixture define(String prefix, int index) {
        LoadFixture fixture = new LoadFixture(prefix, index, new Random(random.nextLong()));
        fixture.define(admin, topology.roles("ingress"), topology.telegram());
        awaitAuctionOpen(fixture.auctions().get(fixture.auctions().size() - 1));
        return fixture;
    }

    private ScenarioResult scenario(Scenario scenario, int index, LagWatch lag) {
        log.info("scenario {}: {}", scenario.id(), scenario.description());
        LoadFixture fixture = define("chaos-" + options.seed() + "-" + scenario.id(), index);
        Map<TopicPartition, Long> deadLetters = DeadLetterCheck.mark(topology.bootstrapServers());

        FaultInjector injector = new FaultInjector(topology, new Random(random.nextLong()));
        long loadMs = options.duration().toMillis();
        long faultAtMs = (long) (loadMs * scenario.faultAt() * (1 + random.nextDouble() / 2));
        long loadStart = System.currentTimeMillis();
        CompletableFuture<FaultRecord> fault = CompletableFuture.supplyAsync(() -> {
            Pause.of(Duration.ofMillis(faultAtMs));
            return injector.inject(scenario);
        });
        LoadGenerator load = new LoadGenerator(scenario.id(),
                new RequestMix(scenario.id(), fixture, options.rate(), random.nextLong()),
                () -> topology.roles("ingress"));
        List<RequestRecord> requests = load.run(options.rate(), options.duration());
        FaultRecord f;
        try {
            f = fault.get(6, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("the " + scenario.id() + " fault did not complete: " + e, e);
        }
        writeLog(scenario, requests);

        Checker checker = new Checker(topology);
        try {
            long quiescence = checker.awaitQuiescence(lag, Checker.awaitedEventIds(requests), QUIESCENCE_TIMEOUT);
            Checker.Verdict verdict = checker.check(requests, fixture, f.poisonKeys(), deadLetters, quiescence);
            return result(scenario, requests, f, verdict, lag, loadStart);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read PostgreSQL to check " + scenario.id() + ": " + e, e);
        }
    }

    private ScenarioResult result(Scenario scenario, List<RequestRecord> requests, FaultRecord f,
            Checker.Verdict v, LagWatch lag, long loadStart) {
        long readyAt = f.endedAtMs() + Math.max(0, f.readyAfterMs());
        long bound = Math.max(10, lag.maxLag(loadStart + 3000, f.injectedAtMs()));
        long recoveredAt = lag.firstAtOrBelow(readyAt, bound);
        long lagRecovered = recoveredAt < 0 ? -1 : recoveredAt - f.endedAtMs();
        long duringEnd = recoveredAt < 0 ? Long.MAX_VALUE : recoveredAt;
        List<Double> before = latencies(requests, r -> r.sentAtMs() < f.injectedAtMs());
        List<Double> during = latencies(requests, r -> r.sentAtMs() >= f.injectedAtMs() && r.sentAtMs() <= duringEnd);
        Map<String, Long> refused = requests.stream().filter(r -> !r.acked() && r.status() != 0)
                .collect(Collectors.groupingBy(r -> r.status() + (r.status() == 503 ? " " + r.error() : ""), TreeMap::new,
                        Collectors.counting()));
        List<String> problems = new ArrayList<>(v.problems());
        return new ScenarioResult(scenario.id(), scenario.description(), options.seed(), options.rate(),
                options.duration().toSeconds(), requests.size(),
                requests.stream().filter(r -> r.duplicateOf() >= 0).count(),
                requests.stream().filter(RequestRecord::acked).count(), refused,
                requests.stream().filter(r -> r.status() == 0).count(), v,
                percentile(before, 0.5), percentile(before, 0.99), percentile(during, 0.5), percentile(during, 0.99),
                f, bound, lagRecovered, List.copyOf(problems));
    }

    private static List<Double> latencies(List<RequestRecord> requests,
            java.util.function.Predicate<RequestRecord> window) {
        return requests.stream().filter(RequestRecord::acked).filter(window).map(RequestRecord::latencyMs).sorted()
                .toList();
    }

    static double percentile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private void writeLog(Scenario scenario, List<RequestRecord> requests) {
        Path file = options.reportDir().resolve("requests-" + scenario.id() + ".jsonl");
        try {
            Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (RequestRecord r : requests.stream()
                        .sorted(java.util.Comparator.comparingLong(RequestRecord::seq)).toList()) {
                    w.write(Json.MAPPER.writeValueAsString(r));
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** A probe bid until the bid worker accepts it: the workers have seen the auction. */
    private void awaitAuctionOpen(String auction) {
        String body = "{\"bidder_id\":\"" + PROBE_BIDDER + "\",\"amount\":0.01}";
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        int attempt = 0;
        while (System.nanoTime() < deadline) {
            String id = probe(auction, body, auction + "-probe-" + attempt++);
            if (id != null && awaitStatus(id, Duration.ofSeconds(20)).equals("accepted")) {
                return;
            }
        }
        throw new IllegalStateException("auction " + auction + " never accepted a probe bid");
    }

    private String probe(String auction, String body, String key) {
        try {
            HttpResponse<String> r = exchange("POST", "/v1/auctions/" + auction + "/bids", Topology.API_KEY, body, key);
            if (r.statusCode() != 202) {
                return null;
            }
            return Json.MAPPER.readTree(r.body()).get("id").asString();
        } catch (IOException e) {
            return null;
        }
    }

    private String awaitStatus(String eventId, Duration timeout) {
        Checker checker = new Checker(topology);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String s = checker.statuses(List.of(eventId)).get(eventId);
                if (s != null && !s.equals("queued")) {
                    return s;
                }
            } catch (SQLException e) {
                log.debug("status of {} not readable yet: {}", eventId, e.toString());
            }
            Pause.of(Duration.ofMillis(300));
        }
        return "unknown";
    }

    private HttpResponse<String> exchange(String method, String path, String token, String body, String key)
            throws IOException {
        RoleProcess ingress = topology.roles("ingress").get(0);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ingress.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
