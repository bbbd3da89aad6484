package io.ackflow.app.chaos;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The request mix: which kind each request is ({@link #SHARES}), a share of exact repeats of a recent request (same
 * key and body: a client retry or a sender's redelivery), and among quiz answers a share of second answers to a
 * question whose first answer was already acknowledged, with another option and a fresh key: the first must count.
 * Seeded; only which first answers are acknowledged in time for a second one depends on the run.
 */
final class RequestMix {
    static final Map<RequestKind, Double> SHARES = Map.of(RequestKind.BID, 0.4, RequestKind.WEBHOOK, 0.2,
            RequestKind.QUIZ_ANSWER, 0.2, RequestKind.TELEGRAM_UPDATE, 0.2);
    static final double DUPLICATE_SHARE = 0.1;
    static final double REANSWER_SHARE = 0.1;
    /** Seconds between two answers of one player: Telegram allows one message a second per chat. */
    private static final int SECONDS_PER_PLAYER_TURN = 6;
    private static final int RECENT = 200;

    private final Map<RequestKind, RequestMaker> makers = new EnumMap<>(RequestKind.class);
    private final Random random;
    private final List<PlannedRequest> recent = new ArrayList<>();
    private final Queue<PlannedRequest> firstAnswersAcked = new ConcurrentLinkedQueue<>();
    private final Set<Long> secondAnswers = ConcurrentHashMap.newKeySet();

    RequestMix(String scenario, LoadFixture fixture, int rate, long seed) {
        this.random = new Random(seed);
        Clock clock = Clock.systemUTC();
        makers.put(RequestKind.BID, new BidRequests(scenario, fixture, random));
        makers.put(RequestKind.WEBHOOK, new WebhookRequests(scenario, fixture, random, clock));
        makers.put(RequestKind.QUIZ_ANSWER, new QuizAnswerRequests(scenario, fixture, random,
                players(rate, RequestKind.QUIZ_ANSWER)));
        makers.put(RequestKind.TELEGRAM_UPDATE, new TelegramUpdateRequests(fixture, random, clock,
                players(rate, RequestKind.TELEGRAM_UPDATE)));
    }

    private static int players(int rate, RequestKind kind) {
        return (int) Math.max(20, Math.ceil(rate * SHARES.get(kind) * SECONDS_PER_PLAYER_TURN));
    }

    /** Request {@code seq}. Called from one thread. */
    PlannedRequest next(long seq) {
        if (!recent.isEmpty() && random.nextDouble() < DUPLICATE_SHARE) {
            PlannedRequest original = recent.get(random.nextInt(recent.size()));
            return makers.get(original.kind()).repeat(original, seq);
        }
        RequestKind kind = pickKind();
        PlannedRequest p = null;
        if (random.nextDouble() < REANSWER_SHARE) {
            PlannedRequest first = pollFirstAnswer(kind);
            p = first == null ? null : makers.get(kind).reanswer(first, seq);
            if (p != null) {
                secondAnswers.add(seq);
            }
        }
        if (p == null) {
            p = makers.get(kind).fresh(seq);
        }
        recent.add(p);
        if (recent.size() > RECENT) {
            recent.remove(0);
        }
        return p;
    }

    /** Tells the mix how a request was answered; may be called from any thread. */
    void answered(PlannedRequest p, int status) {
        boolean answer = p.kind() == RequestKind.QUIZ_ANSWER
                || p.kind() == RequestKind.TELEGRAM_UPDATE && p.followUpEventId() != null;
        if (answer && p.duplicateOf() < 0 && !secondAnswers.contains(p.seq()) && status == p.kind().ackStatus()) {
            firstAnswersAcked.add(p);
        }
    }

    private PlannedRequest pollFirstAnswer(RequestKind kind) {
        for (PlannedRequest p : firstAnswersAcked) {
            if (p.kind() == kind && firstAnswersAcked.remove(p)) {
                return p;
            }
        }
        return null;
    }

    private RequestKind pickKind() {
        double x = random.nextDouble();
        double sum = 0;
        for (RequestKind k : RequestKind.values()) {
            sum += SHARES.get(k);
            if (x < sum) {
                return k;
            }
        }
        return RequestKind.BID;
    }
}
