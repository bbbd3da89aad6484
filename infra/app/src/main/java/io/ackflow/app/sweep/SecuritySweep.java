package io.ackflow.app.sweep;

import io.ackflow.app.process.Pause;
import io.ackflow.app.sweep.internal.Control;
import io.ackflow.app.sweep.internal.ControlRequests;
import io.ackflow.app.sweep.internal.PublishAudit;
import io.ackflow.app.sweep.internal.RawHttp;
import io.ackflow.app.sweep.internal.RawRequest;
import io.ackflow.app.sweep.internal.RawResponse;
import io.ackflow.app.sweep.internal.SweepCorpus;
import io.ackflow.app.sweep.internal.SweepFixtures;
import io.ackflow.app.sweep.internal.SweepInput;
import io.ackflow.schema.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The bad-input and security sweep (issue 9): defines its fixtures (two webhook sources and a bot, with fresh
 * secrets), sends every malformed input of {@link io.ackflow.app.sweep.internal.SweepCorpus} to the processes, proves
 * with {@link PublishAudit} that none of them was published (and that valid controls are found), then searches the
 * logs, the metrics and every answer for the secrets in use.
 *
 * <p>Run it when no client uses the sweep's ids (they are fresh per run) and outside dev mode.
 */
public final class SecuritySweep {
    private static final Logger log = LoggerFactory.getLogger(SecuritySweep.class);
    private static final int PARALLELISM = 4;
    private static final int MAX_PROBLEMS = 40;
    private static final Duration VISIBLE_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration BOT_SEND_TIMEOUT = Duration.ofSeconds(20);
    private static final List<String> OBSERVABILITY = List.of("/actuator/prometheus", "/health", "/actuator/metrics",
            "/actuator/info");

    private final SweepTarget target;
    private final long seed;
    private final Clock clock;
    private final RawHttp http = new RawHttp(Duration.ofSeconds(3), Duration.ofSeconds(30));
    private final ConcurrentLinkedQueue<SweepOutcome> outcomes = new ConcurrentLinkedQueue<>();
    /** Every answer (where, headers and body), searched for secrets at the end. */
    private final ConcurrentLinkedQueue<String[]> answers = new ConcurrentLinkedQueue<>();

    public SecuritySweep(SweepTarget target, long seed, Clock clock) {
        this.target = target;
        this.seed = seed;
        this.clock = clock;
    }

    /** Every input and its verdict, in the order sent; complete once {@link #run()} returned. */
    public List<SweepOutcome> outcomes() {
        return outcomes.stream().sorted(Comparator.comparingInt(SweepOutcome::seq)).toList();
    }

    /** Writes every input and its verdict, one JSON object a line (no bodies: nothing secret). */
    public void writeOutcomes(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (SweepOutcome o : outcomes()) {
                    w.write(Json.MAPPER.writeValueAsString(o));
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    public SweepResult run() {
        long start = System.nanoTime();
        SweepFixtures fixtures = SweepFixtures.create(clock);
        List<String> problems = new ArrayList<>();
        log.info("sweep {}: defining its fixtures", fixtures.marker());
        List<String> published;
        int controls;
        int controlsFound;
        try (PublishAudit audit = new PublishAudit(target.bootstrapServers())) {
            Map<TopicPartition, Long> beforeSetup = audit.endOffsets();
            List<Answered> setup = sendControls(
                    fixtures.definitions(target.adminToken(), target.telegramApiBaseUrl()), problems);
            if (setup.stream().anyMatch(a -> !a.ok())) {
                throw new IllegalStateException("the sweep could not define its fixtures: " + problems);
            }
            awaitVisible(fixtures);
            Map<TopicPartition, Long> beforeInputs = audit.endOffsets();
            List<SweepInput> corpus = SweepCorpus.build(fixtures, target.adminToken(), target.clientKey(), seed);
            log.info("sweep {}: {} inputs", fixtures.marker(), corpus.size());
            sendAll(corpus);
            Map<TopicPartition, Long> afterInputs = audit.endOffsets();
            List<Answered> valid = sendControls(ControlRequests.all(fixtures, target.adminToken(),
                    target.clientKey()), problems);
            Map<TopicPartition, Long> afterControls = audit.endOffsets();
            published = audit.find(beforeInputs, afterInputs, fixtures.marker()).stream()
                    .map(PublishAudit.Found::toString).toList();
            controls = setup.size() + valid.size();
            controlsFound = matched(setup, audit.find(beforeSetup, beforeInputs, fixtures.marker()))
                    + matched(valid, audit.find(afterInputs, afterControls, fixtures.marker()));
        }
        boolean botTokenUsed = awaitBotSend(fixtures);
        SecretScan.Result secrets = scanSecrets(fixtures);
        return result(fixtures, published, controls, controlsFound, botTokenUsed, secrets, problems,
                (System.nanoTime() - start) / 1_000_000);
    }

    private record Answered(Control control, RawResponse response, String eventId) {
        boolean ok() {
            return response.status() == control.status();
        }
    }

    private List<Answered> sendControls(List<Control> controls, List<String> problems) {
        List<SweepTarget.Process> ingress = target.withRole(SweepTarget.INGRESS);
        List<Answered> out = new ArrayList<>();
        for (int i = 0; i < controls.size(); i++) {
            Control c = controls.get(i);
            RawResponse r = http.send(ingress.get(i % ingress.size()).baseUrl(), c.request());
            answers.add(new String[] {"answer to control " + c.name(), r.text()});
            Answered a = new Answered(c, r, eventId(r));
            if (!a.ok()) {
                problems.add("control " + c.name() + " answered " + (r.answered() ? r.status() : r.error())
                        + ", expected " + c.status());
            }
            out.add(a);
        }
        return out;
    }

    private static String eventId(RawResponse r) {
        try {
            JsonNode id = Json.tree(r.body()).get("id");
            return id == null || !id.isString() ? null : id.asString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Controls whose record the scan found: by event id when the answer carried one, else by key. */
    private static int matched(List<Answered> answered, List<PublishAudit.Found> found) {
        int n = 0;
        for (Answered a : answered) {
            Predicate<PublishAudit.Found> same = a.eventId() != null
                    ? f -> f.topic().equals(a.control().topic()) && a.eventId().equals(f.eventId())
                    : f -> f.topic().equals(a.control().topic()) && a.control().key().equals(f.key());
            if (a.ok() && found.stream().anyMatch(same)) {
                n++;
            }
        }
        return n;
    }

    /** Waits until every ingress process knows the fixtures: unknown sources and bots get 404 instead of 401/403. */
    private void awaitVisible(SweepFixtures f) {
        List<RawRequest> probes = List.of(
                RawRequest.of("POST", "/v1/webhooks/" + f.genericSource()).set("X-Webhook-Token", "probe").json("{}"),
                RawRequest.of("POST", "/v1/webhooks/" + f.tradingSource()).json("{}"),
                RawRequest.of("POST", "/v1/telegram/" + f.bot() + "/webhook")
                        .set("X-Telegram-Bot-Api-Secret-Token", "probe").json("{}"));
        long deadline = System.nanoTime() + VISIBLE_TIMEOUT.toNanos();
        for (SweepTarget.Process p : target.withRole(SweepTarget.INGRESS)) {
            for (RawRequest probe : probes) {
                int status;
                while ((status = http.send(p.baseUrl(), probe.copy()).status()) == 404 || status == 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(p.name() + " did not see the sweep's definitions within "
                                + VISIBLE_TIMEOUT.toSeconds() + " s: " + probe + " still answers " + status);
                    }
                    Pause.of(Duration.ofMillis(200));
                }
            }
        }
    }

    private void sendAll(List<SweepInput> corpus) {
        List<SweepTarget.Process> ingress = target.withRole(SweepTarget.INGRESS);
        List<SweepTarget.Process> readers = target.withRole(SweepTarget.PERSISTER);
        ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM, r -> {
            Thread t = new Thread(r, "sweep-http");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> pending = new ArrayList<>();
            int seq = 0;
            for (int i = 0; i < corpus.size(); i++) {
                SweepInput in = corpus.get(i);
                List<SweepTarget.Process> to = switch (in.surface()) {
                    case INGRESS -> List.of(ingress.get(i % ingress.size()));
                    case READ -> readers.isEmpty() ? List.of() : List.of(readers.get(i % readers.size()));
                    case EVERY_PROCESS -> target.processes();
                };
                for (SweepTarget.Process p : to) {
                    int n = ++seq;
                    pending.add(pool.submit(() -> sendOne(n, p, in)));
                }
            }
            for (Future<?> f : pending) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the sweep", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a sweep input could not be sent: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void sendOne(int seq, SweepTarget.Process p, SweepInput in) {
        long t0 = System.nanoTime();
        RawResponse r = http.send(p.baseUrl(), in.request().copy());
        double ms = (System.nanoTime() - t0) / 1e6;
        String verdict = verdict(in, r);
        outcomes.add(new SweepOutcome(seq, p.name(), in.group(), in.endpoint(), in.attack(), in.expect().text(),
                r.status(), r.answered() ? r.contentType() : null, verdict, r.error(), ms));
        if (r.answered()) {
            answers.add(new String[] {"answer to input #" + seq + " (" + in.endpoint() + " [" + in.attack() + "])",
                r.text()});
        }
    }

    static String verdict(SweepInput in, RawResponse r) {
        if (!r.answered()) {
            return in.expect().allowsNoAnswer() ? SweepOutcome.OK : SweepOutcome.NO_ANSWER;
        }
        if (r.status() >= 500) {
            return SweepOutcome.SERVER_ERROR;
        }
        if (r.status() < 400) {
            return SweepOutcome.ACCEPTED;
        }
        return in.expect().matches(r.status()) ? SweepOutcome.OK : SweepOutcome.WRONG_STATUS;
    }

    /**
     * The bot message control makes the Telegram sender call the Bot API with the bot token; the secret search waits
     * (bounded) until a process's metrics show that call, so the sender's logs of it are searched too.
     */
    private boolean awaitBotSend(SweepFixtures f) {
        String tag = "bot=\"" + f.bot() + "\"";
        long deadline = System.nanoTime() + BOT_SEND_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (SweepTarget.Process p : target.processes()) {
                RawResponse r = http.send(p.baseUrl(), RawRequest.of("GET", "/actuator/prometheus"));
                if (r.text().lines().anyMatch(l -> l.startsWith("ackflow_telegram_sends_total") && l.contains(tag))) {
                    return true;
                }
            }
            Pause.of(Duration.ofMillis(500));
        }
        log.warn("sweep {}: no Telegram send of {} in any process's metrics within {} s; searching anyway",
                f.marker(), f.bot(), BOT_SEND_TIMEOUT.toSeconds());
        return false;
    }

    private SecretScan.Result scanSecrets(SweepFixtures f) {
        SecretScan scan = new SecretScan(f.secrets(target));
        target.logFiles().forEach(scan::file);
        for (SweepTarget.Process p : target.processes()) {
            for (String path : OBSERVABILITY) {
                scan.text("GET " + path + " on " + p.name(), http.send(p.baseUrl(), RawRequest.of("GET", path)).text());
            }
            scan.text("GET /ops/lag (admin) on " + p.name(), http.send(p.baseUrl(), RawRequest.of("GET", "/ops/lag")
                    .bearer(target.adminToken())).text());
        }
        answers.forEach(a -> scan.text(a[0], a[1]));
        return scan.result();
    }

    private SweepResult result(SweepFixtures f, List<String> published, int controls, int controlsFound,
            boolean botTokenUsed, SecretScan.Result secrets, List<String> controlProblems, long ms) {
        List<SweepOutcome> all = outcomes();
        Map<String, Long> byStatus = all.stream().collect(Collectors.groupingBy(
                o -> o.status() == 0 ? "no answer" : Integer.toString(o.status()), TreeMap::new,
                Collectors.counting()));
        long notProblem = all.stream().filter(o -> o.status() >= 400 && o.status() < 500)
                .filter(o -> o.contentType() == null || !o.contentType().startsWith("application/problem+json"))
                .count();
        boolean devOff = allOk(all, "dev");
        boolean opsGuarded = all.stream().filter(o -> o.group().equals("ops") && o.attack().startsWith("auth: "))
                .allMatch(SweepOutcome::ok);
        boolean actuatorOff = all.stream().filter(o -> o.group().equals("actuator") && o.attack().equals("not exposed"))
                .allMatch(SweepOutcome::ok);
        List<String> problems = new ArrayList<>(controlProblems);
        all.stream().filter(o -> !o.ok()).map(SweepOutcome::describe).forEach(problems::add);
        published.forEach(p -> problems.add("published for a refused request: " + p));
        if (controlsFound != controls) {
            problems.add("the topic scan found " + controlsFound + " of " + controls + " valid controls");
        }
        secrets.hits().forEach(h -> problems.add("secret (" + h.secret() + ") in " + h.where() + ": " + h.excerpt()));
        if (secrets.hitCount() > secrets.hits().size()) {
            problems.add((secrets.hitCount() - secrets.hits().size()) + " more secret hits");
        }
        int total = problems.size();
        List<String> shown = new ArrayList<>(problems.subList(0, Math.min(MAX_PROBLEMS, total)));
        if (total > MAX_PROBLEMS) {
            shown.add((total - MAX_PROBLEMS) + " more problems; see sweep-inputs.jsonl");
        }
        log.info("sweep {}: {} inputs, {} problems, {} secret hits ({} secrets in {} places, {} KB), "
                + "bot token used: {}", f.marker(), all.size(), total, secrets.hitCount(), secrets.secrets(),
                secrets.places(), secrets.bytes() / 1024, botTokenUsed);
        return new SweepResult(f.marker(), all.size(), byStatus, count(all, SweepOutcome.SERVER_ERROR),
                count(all, SweepOutcome.ACCEPTED), count(all, SweepOutcome.WRONG_STATUS),
                count(all, SweepOutcome.NO_ANSWER), notProblem, published.size(), controls, controlsFound,
                botTokenUsed, devOff, opsGuarded, actuatorOff, secrets, ms, List.copyOf(shown));
    }

    private static boolean allOk(List<SweepOutcome> all, String group) {
        return all.stream().filter(o -> o.group().equals(group)).allMatch(SweepOutcome::ok);
    }

    private static long count(List<SweepOutcome> all, String verdict) {
        return all.stream().filter(o -> o.verdict().equals(verdict)).count();
    }

}
