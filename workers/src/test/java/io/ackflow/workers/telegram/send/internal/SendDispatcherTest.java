package io.ackflow.workers.telegram.send.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.schema.Topics;
import io.ackflow.schema.event.TelegramSend;
import io.ackflow.workers.telegram.send.limit.BotLimits;
import io.ackflow.workers.telegram.send.limit.FloodDetector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The dispatcher with a stepped clock and a hand-run executor: no threads, no sleeps. */
class SendDispatcherTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final AtomicLong nanos = new AtomicLong(TimeUnit.SECONDS.toNanos(100));
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final List<String> started = new ArrayList<>();
    private final List<String> staleDropped = new ArrayList<>();
    private final List<String> finished = new ArrayList<>();
    private final List<FloodDetector.Scope> rateLimits = new ArrayList<>();
    /** Scripted outcomes by message id; DONE when absent. */
    private final Map<String, ArrayDeque<Outcome>> script = new HashMap<>();
    private BotLimits limits = BotLimits.telegramDefaults(3, 1);
    private long offset;

    private final SendDispatcher dispatcher = new SendDispatcher(
            (p, stale) -> {
                String id = p.send().messageId();
                if (stale) {
                    staleDropped.add(id);
                    return Outcome.DONE;
                }
                started.add(id);
                ArrayDeque<Outcome> next = script.get(id);
                return next == null || next.isEmpty() ? Outcome.DONE : next.poll();
            },
            tasks::add,
            new SendDispatcher.Settings(4, bot -> limits,
                    p -> "answerCallbackQuery".equals(p.send().method()) ? Duration.ofSeconds(60) : null, 3,
                    Duration.ofSeconds(1)),
            new SendDispatcher.Listener() {
                @Override
                public void finished(PendingSend pending) {
                    finished.add(pending.send().messageId());
                }

                @Override
                public void rateLimited(String botId, FloodDetector.Scope scope, long retryAfterNanos) {
                    rateLimits.add(scope);
                }
            },
            nanos::get,
            Clock.fixed(T0, ZoneOffset.UTC));

    private void enqueue(String id, long chat) {
        enqueue(id, chat, "sendMessage", T0);
    }

    private void enqueue(String id, long chat, String method, Instant enqueuedAt) {
        TelegramSend send = new TelegramSend(id, "bot1", chat, method, null, "test", enqueuedAt);
        ConsumerRecord<String, byte[]> r = new ConsumerRecord<>(Topics.TELEGRAM_OUTBOUND, 0, offset++, "" + chat, new byte[0]);
        dispatcher.enqueue(new PendingSend(r, send, 0));
    }

    /** Runs a dispatch pass, then every task it started (each completes its message). */
    private long step() {
        long wait = dispatcher.dispatch();
        while (!tasks.isEmpty()) {
            tasks.poll().run();
        }
        return wait;
    }

    private void advanceMillis(long ms) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    @Test
    void privateChatGetsItsBurstThenOneASecondWhileOtherChatsGo() {
        limits = new BotLimits(1000, 1, 20, 3, 10);
        for (int i = 1; i <= 5; i++) {
            enqueue("a" + i, 1);
        }
        enqueue("b1", 2);

        step();
        step();
        step();
        assertThat(started).containsExactlyInAnyOrder("a1", "b1", "a2", "a3");

        long wait = step();
        assertThat(started).hasSize(4);
        assertThat(wait).isBetween(1L, TimeUnit.SECONDS.toNanos(1));

        advanceMillis(999);
        step();
        assertThat(started).hasSize(4);
        advanceMillis(1);
        step();
        assertThat(started).endsWith("a4");
    }

    @Test
    void groupChatIsHeldToTwentyAMinute() {
        limits = BotLimits.telegramDefaults(1, 1);
        enqueue("g1", -100);
        enqueue("g2", -100);
        step();
        step();
        assertThat(started).containsExactly("g1");
        advanceMillis(2_999);
        step();
        assertThat(started).containsExactly("g1");
        advanceMillis(1);
        step();
        assertThat(started).containsExactly("g1", "g2");
    }

    @Test
    void globalRateCapsTheBotAcrossChatsAtThisInstancesShare() {
        limits = new BotLimits(10, 1, 20, 3, 1);
        dispatcher.setShare(0.5);
        for (int chat = 1; chat <= 20; chat++) {
            enqueue("m" + chat, chat);
        }
        step();
        assertThat(started).hasSize(1);
        for (int i = 0; i < 10; i++) {
            advanceMillis(100);
            step();
        }
        // 5 a second: the first permit plus 5 more in the second that followed
        assertThat(started).hasSize(6);
        assertThat(dispatcher.instanceRate("bot1")).isEqualTo(5.0);
    }

    @Test
    void aChatsRetryAfterPausesOnlyThatChat() {
        limits = new BotLimits(1000, 100, 6000, 1, 10);
        script.put("a1", new ArrayDeque<>(List.of(Outcome.rateLimited(TimeUnit.SECONDS.toNanos(5)))));
        enqueue("a1", 1);
        enqueue("a2", 1);
        enqueue("b1", 2);
        enqueue("b2", 2);
        step();
        assertThat(rateLimits).containsExactly(FloodDetector.Scope.CHAT);
        advanceMillis(100);
        step();
        assertThat(started).containsExactly("a1", "b1", "b2");

        advanceMillis(4_800);
        step();
        assertThat(started).containsExactly("a1", "b1", "b2");
        advanceMillis(100);
        step();
        advanceMillis(10);
        step();
        assertThat(started).containsExactly("a1", "b1", "b2", "a1", "a2");
        assertThat(finished).containsExactly("b1", "b2", "a1", "a2");
    }

    @Test
    void manyChatsRateLimitedAtOnceIsAFloodThatPausesTheWholeBot() {
        limits = new BotLimits(1000, 100, 6000, 1, 10);
        for (long chat = 1; chat <= 3; chat++) {
            script.put("x" + chat, new ArrayDeque<>(List.of(Outcome.rateLimited(TimeUnit.SECONDS.toNanos(3)))));
            enqueue("x" + chat, chat);
        }
        step();
        assertThat(rateLimits).containsExactly(FloodDetector.Scope.CHAT, FloodDetector.Scope.CHAT, FloodDetector.Scope.BOT);

        enqueue("other", 99);
        advanceMillis(100);
        step();
        assertThat(started).doesNotContain("other");

        advanceMillis(2_900);
        step();
        assertThat(started).contains("other");
    }

    @Test
    void aSlowChatNeverHoldsUpOtherChats() {
        limits = new BotLimits(1000, 100, 6000, 1, 10);
        enqueue("slow1", 1);
        enqueue("slow2", 1);
        dispatcher.dispatch();
        Runnable slowCall = tasks.poll();
        assertThat(slowCall).isNotNull();

        for (int i = 1; i <= 10; i++) {
            enqueue("fast" + i, 100 + i);
            advanceMillis(10);
            step();
        }
        assertThat(started).containsExactly("fast1", "fast2", "fast3", "fast4", "fast5", "fast6", "fast7", "fast8",
                "fast9", "fast10");
        assertThat(dispatcher.backlog()).isEqualTo(2);

        slowCall.run();
        advanceMillis(10);
        step();
        assertThat(started).endsWith("slow1", "slow2");
    }

    @Test
    void serverErrorBackoffDelaysOnlyThatChat() {
        limits = new BotLimits(1000, 100, 6000, 1, 10);
        script.put("e1", new ArrayDeque<>(List.of(Outcome.retryIn(TimeUnit.SECONDS.toNanos(2)))));
        enqueue("e1", 1);
        enqueue("ok1", 2);
        step();
        advanceMillis(1_000);
        enqueue("ok2", 2);
        step();
        assertThat(started).containsExactly("e1", "ok1", "ok2");
        advanceMillis(1_000);
        step();
        assertThat(started).containsExactly("e1", "ok1", "ok2", "e1");
        assertThat(finished).containsExactly("ok1", "ok2", "e1");
    }

    @Test
    void staleCallbackAnswerIsDroppedWithoutTakingAPermit() {
        limits = new BotLimits(1, 1, 20, 1, 1);
        enqueue("old", 1, "answerCallbackQuery", T0.minusSeconds(61));
        enqueue("fresh", 2, "answerCallbackQuery", T0.minusSeconds(59));
        step();
        step();
        assertThat(staleDropped).containsExactly("old");
        assertThat(started).containsExactly("fresh");
    }

    @Test
    void revokingPartitionsForgetsTheirQueuedMessages() {
        limits = new BotLimits(1000, 1, 6000, 1, 10);
        enqueue("p1", 1);
        enqueue("p2", 1);
        step();
        assertThat(dispatcher.backlog()).isEqualTo(1);
        assertThat(dispatcher.revoke(List.of(new org.apache.kafka.common.TopicPartition(Topics.TELEGRAM_OUTBOUND, 0)),
                Duration.ZERO)).isTrue();
        assertThat(dispatcher.backlog()).isZero();
    }
}
