package io.ackflow.app.chaos;

import io.ackflow.app.process.Pause;
import io.ackflow.schema.ConsumerGroups;
import io.ackflow.schema.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the request log with the end state: the tables the persister writes (the rows {@code GET /v1/events/{id}},
 * the leaderboards and the order API serve; a sample of events is also read through {@code GET /v1/events/{id}}), the
 * fake order gateway's and fake Bot API's own logs, the Telegram send ledger, and the dead-letter topics.
 */
final class Checker {
    private static final Logger log = LoggerFactory.getLogger(Checker.class);
    /** Every consumer group: quiescence is all of them at lag 0. */
    static final List<String> GROUPS = List.of(ConsumerGroups.BID_WORKER, ConsumerGroups.ORDER_WORKER,
            ConsumerGroups.QUIZ_WORKER, ConsumerGroups.TELEGRAM_UPDATE_WORKER, ConsumerGroups.TELEGRAM_SENDER,
            ConsumerGroups.PERSISTER);
    private static final Set<String> FINAL = Set.of("accepted", "rejected", "failed");
    /** Acknowledged events per kind also read through {@code GET /v1/events/{id}}. */
    private static final int API_SAMPLE = 25;
    private static final int MAX_DETAILS = 20;

    private final Topology topology;
    private final StoredState stored;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Checker(Topology topology) {
        this.topology = topology;
        this.stored = new StoredState(topology.jdbcUrl());
    }

    /**
     * What one request kind did. {@code refused}: answered {@code 4xx}, {@code 429} or {@code 503 overloaded};
     * {@code uncertain}: no answer, {@code 5xx} or {@code 503 unavailable}. The effect counts are those of
     * {@link Effects}; {@code figures} are the kind's own counts (orders at the gateway, messages sent once, ...).
     */
    record KindVerdict(String kind, long sent, long duplicates, long acked, long refused, long uncertain,
            long ackedEvents, long finalOutcomes, long lost, long doubled, long wrong, long refusedWithEffect,
            long uncertainWithEffect, Map<String, Long> figures) {}

    /** The outcome of the checks on one scenario's requests; the totals add up the kinds. */
    record Verdict(long ackedEvents, long finalOutcomes, long rejectedOutcomes, long ackedButLost,
            long doubledEffects, long wrongEffects, long refusedWithEffect, long uncertainWithEffect,
            boolean quiescent, long quiescenceMs, int poisonExpected, int poisonInDlt, long otherDeadLetters,
            long uncertainSendsDeadLettered, List<KindVerdict> kinds, List<String> details) {

        /** Every broken promise, one line each, then the first details. */
        List<String> problems() {
            List<String> p = new ArrayList<>();
            if (ackedButLost > 0) {
                p.add(ackedButLost + " acknowledged but lost");
            }
            if (doubledEffects > 0) {
                p.add(doubledEffects + " doubled effects");
            }
            if (wrongEffects > 0) {
                p.add(wrongEffects + " wrong effects");
            }
            if (refusedWithEffect > 0) {
                p.add(refusedWithEffect + " refused requests with an effect");
            }
            if (!quiescent) {
                p.add("not quiescent in time");
            }
            if (poisonInDlt < poisonExpected) {
                p.add((poisonExpected - poisonInDlt) + " poison records missing from dead-letter topics");
            }
            if (otherDeadLetters > 0) {
                p.add(otherDeadLetters + " other records in dead-letter topics");
            }
            if (!p.isEmpty()) {
                p.addAll(details.stream().limit(5).toList());
            }
            return p;
        }
    }

    /** Events a quiescent system has an outcome for: each acknowledged one, and the answers Telegram updates carry. */
    static List<String> awaitedEventIds(List<RequestRecord> requests) {
        Set<String> ids = new LinkedHashSet<>();
        for (RequestRecord r : requests) {
            if (r.acked() && r.eventId() != null) {
                ids.add(r.eventId());
                if (r.followUpEventId() != null) {
                    ids.add(r.followUpEventId());
                }
            }
        }
        return List.copyOf(ids);
    }

    /** Waits (bounded) until every group has no lag and every awaited event has a final outcome; -1 on timeout. */
    long awaitQuiescence(LagWatch lag, Collection<String> eventIds, Duration timeout) throws SQLException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long l = lag.lagOrUnknown();
            if (l == 0) {
                Map<String, String> statuses = statuses(eventIds);
                long pending = eventIds.stream().filter(id -> !isFinal(statuses.get(id))).count();
                if (pending == 0) {
                    return (System.nanoTime() - start) / 1_000_000;
                }
                log.info("quiescence: lag 0, {} acknowledged events not final yet", pending);
            } else {
                log.info("quiescence: lag {}", l);
            }
            Pause.of(Duration.ofSeconds(1));
        }
        return -1;
    }

    Map<String, String> statuses(Collection<String> ids) throws SQLException {
        return stored.statuses(ids);
    }

    Verdict check(List<RequestRecord> requests, LoadFixture fixture, List<FaultRecord.PoisonRecord> poison,
            Map<TopicPartition, Long> deadLetterMarks, long quiescenceMs) throws SQLException {
        Set<String> ids = new HashSet<>();
        requests.forEach(r -> {
            ids.add(r.expectedEventId());
            if (r.followUpEventId() != null) {
                ids.add(r.followUpEventId());
            }
        });
        Map<String, String> statuses = stored.statuses(ids);
        Map<RequestKind, List<RequestRecord>> byKind = new EnumMap<>(RequestKind.class);
        requests.forEach(r -> byKind.computeIfAbsent(r.requestKind(), k -> new ArrayList<>()).add(r));

        List<KindVerdict> kinds = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (RequestKind kind : RequestKind.values()) {
            List<RequestRecord> rs = byKind.getOrDefault(kind, List.of());
            Effects e = commonChecks(rs, statuses).add(effects(kind, rs, statuses, fixture));
            e.details().forEach(d -> note(details, kind.id() + ": " + d));
            kinds.add(verdict(kind, rs, statuses, e));
        }
        DeadLetterCheck.Result dlt = DeadLetterCheck.check(topology.bootstrapServers(), deadLetterMarks, poison,
                stored.uncertainSends()::contains);
        dlt.details().forEach(d -> note(details, d));
        if (!poison.isEmpty()) {
            log.info("poison records found in dead-letter topics: {} of {}", dlt.poisonFound(), poison.size());
        }
        long acked = kinds.stream().mapToLong(KindVerdict::ackedEvents).sum();
        long finals = kinds.stream().mapToLong(KindVerdict::finalOutcomes).sum();
        long rejected = kinds.stream().mapToLong(k -> k.figures().getOrDefault("rejected outcomes", 0L)).sum();
        return new Verdict(acked, finals, rejected, sum(kinds, KindVerdict::lost), sum(kinds, KindVerdict::doubled),
                sum(kinds, KindVerdict::wrong), sum(kinds, KindVerdict::refusedWithEffect),
                sum(kinds, KindVerdict::uncertainWithEffect), quiescenceMs >= 0, quiescenceMs, dlt.poisonExpected(),
                dlt.poisonFound(), dlt.other(), dlt.uncertainSends(), List.copyOf(kinds), List.copyOf(details));
    }

    private Effects effects(RequestKind kind, List<RequestRecord> rs, Map<String, String> statuses,
            LoadFixture fixture) throws SQLException {
        return switch (kind) {
            case BID -> BidCheck.check(rs, statuses, stored.bidRows(fixture.auctions()));
            case WEBHOOK -> OrderCheck.check(rs, topology.orderGateway().orders(),
                    topology.orderGateway().submissions(), stored.orderStatuses(fixture.accountId()), statuses);
            case QUIZ_ANSWER -> QuizCheck.check(rs, stored.quizRows(fixture.quizId()),
                    u -> u.startsWith(QuizAnswerRequests.PLAYER_PREFIX));
            case TELEGRAM_UPDATE -> QuizCheck.check(
                            rs.stream().filter(r -> r.followUpEventId() != null).toList(),
                            stored.quizRows(fixture.quizId()), u -> isPlayerChat(fixture, u))
                    .add(TelegramCheck.check(rs, statuses, topology.telegram().calls(),
                            stored.telegramLedger(fixture.botId()), fixture));
        };
    }

    private static boolean isPlayerChat(LoadFixture fixture, String user) {
        try {
            return fixture.isPlayerChat(Long.parseLong(user));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * For every kind: one key, one event id, and the one ingress derives (docs/api.md); every acknowledged event (and
     * the answer a Telegram update carries) has a final outcome; a sample of them reads the same through the API.
     */
    private Effects commonChecks(List<RequestRecord> rs, Map<String, String> statuses) {
        Effects e = new Effects();
        Map<String, Set<String>> idsByKey = new TreeMap<>();
        for (RequestRecord r : rs) {
            if (!r.acked()) {
                continue;
            }
            idsByKey.computeIfAbsent(r.idempotencyKey(), k -> new HashSet<>()).add(String.valueOf(r.eventId()));
            if (!r.expectedEventId().equals(r.eventId())) {
                e.wrong("key " + r.idempotencyKey() + " got event id " + r.eventId() + ", not the derived "
                        + r.expectedEventId());
            }
        }
        idsByKey.forEach((key, ids) -> {
            if (ids.size() > 1) {
                e.doubled("key " + key + " got event ids " + ids);
            }
        });
        Set<String> awaited = new LinkedHashSet<>(awaitedEventIds(rs));
        for (String id : awaited) {
            if (!isFinal(statuses.get(id))) {
                e.lost("event " + id + " acknowledged, outcome " + statuses.get(id));
            } else if ("rejected".equals(statuses.get(id))) {
                e.count("rejected outcomes");
            }
        }
        int read = 0;
        for (String id : awaited) {
            if (read == API_SAMPLE) {
                break;
            }
            read++;
            String served = servedStatus(id);
            if (!served.equals(String.valueOf(statuses.get(id)))) {
                e.lost("GET /v1/events/" + id + " answered " + served + ", the table holds " + statuses.get(id));
            }
        }
        e.figure("outcomes read through GET /v1/events/{id}", read);
        return e;
    }

    /** The {@code status} {@code GET /v1/events/{id}} serves, or what went wrong. */
    private String servedStatus(String eventId) {
        RoleProcess persister = topology.roles("persister").get(0);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(persister.baseUrl() + "/v1/events/"
                            + eventId)).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + Topology.API_KEY).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Json.tree(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .path("status").asString("none") : "HTTP " + r.statusCode();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static KindVerdict verdict(RequestKind kind, List<RequestRecord> rs, Map<String, String> statuses,
            Effects e) {
        List<String> awaited = awaitedEventIds(rs);
        return new KindVerdict(kind.id(), rs.size(), rs.stream().filter(r -> r.duplicateOf() >= 0).count(),
                rs.stream().filter(RequestRecord::acked).count(), rs.stream().filter(RequestRecord::refused).count(),
                rs.stream().filter(RequestRecord::uncertain).count(), awaited.size(),
                awaited.stream().filter(id -> isFinal(statuses.get(id))).count(), e.lost(), e.doubled(),
                e.wrong(), e.refusedWithEffect(), e.uncertainWithEffect(),
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(e.figures())));
    }

    /** {@code Set.of(...).contains(null)} throws: an event not recorded yet has no status. */
    private static boolean isFinal(String status) {
        return status != null && FINAL.contains(status);
    }

    private static long sum(List<KindVerdict> kinds, java.util.function.ToLongFunction<KindVerdict> f) {
        return kinds.stream().mapToLong(f).sum();
    }

    private static void note(List<String> details, String line) {
        if (details.size() < MAX_DETAILS) {
            details.add(line);
        }
    }
}
