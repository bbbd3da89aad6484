package io.ackflow.workers.telegram.send.internal;

import io.ackflow.workers.telegram.send.limit.BotLimits;
import io.ackflow.workers.telegram.send.limit.FloodDetector;
import io.ackflow.workers.telegram.send.limit.TokenBucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules messages per chat. Each (bot, chat) has its own FIFO queue; only the head of a chat's queue is ever in
 * flight, so a chat's messages stay in order while a slow, paused or backing-off chat never holds up any other.
 *
 * <p>A chat whose head may go now waits in its bot's ready queue; one that must wait (its own limit, a 429, a retry
 * backoff) waits in a timer queue. The dispatch pass hands ready heads to the worker executor while the bot's global
 * bucket (this instance's share of the bot's rate) and a free worker slot allow. Everything is guarded by one lock;
 * the Bot API call itself runs outside it.
 */
public final class SendDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SendDispatcher.class);
    private static final long SWEEP_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Does the work for one message: send it, or drop it as stale. Runs on the executor, never under the lock. */
    public interface Work {
        Outcome process(PendingSend pending, boolean stale);
    }

    /** Hears about the ends of messages and about 429s. Called under the dispatcher's lock: keep it short. */
    public interface Listener {
        void finished(PendingSend pending);

        void rateLimited(String botId, FloodDetector.Scope scope, long retryAfterNanos);
    }

    /** Everything the dispatcher needs to know about limits and time. */
    public record Settings(
            int concurrency,
            Function<String, BotLimits> limitsFor,
            Function<PendingSend, Duration> staleAfter,
            int floodChats,
            Duration floodWindow) {}

    private final class Lane {
        final String botId;
        BotLimits limits;
        final TokenBucket global;
        final FloodDetector flood;
        final ArrayDeque<ChatQueue> ready = new ArrayDeque<>();
        long pausedUntil;
        boolean paused;
        int backlog;

        Lane(String botId) {
            this.botId = botId;
            this.limits = settings.limitsFor().apply(botId);
            this.global = new TokenBucket("bot " + botId, limits.globalConfig(share), nanoClock);
            this.flood = new FloodDetector(settings.floodChats(), settings.floodWindow(), nanoClock);
        }
    }

    private static final class ChatQueue {
        final Lane lane;
        final long chatId;
        final TokenBucket bucket;
        final ArrayDeque<PendingSend> messages = new ArrayDeque<>();
        long notBefore;
        boolean running;
        boolean scheduled;

        ChatQueue(Lane lane, long chatId, TokenBucket bucket) {
            this.lane = lane;
            this.chatId = chatId;
            this.bucket = bucket;
        }
    }

    private record ChatKey(String botId, long chatId) {}

    private final Work work;
    private final Executor executor;
    private final Settings settings;
    private final Listener listener;
    private final LongSupplier nanoClock;
    private final Clock wallClock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Lane> lanes = new HashMap<>();
    private final Map<ChatKey, ChatQueue> chats = new HashMap<>();
    private final PriorityQueue<ChatQueue> timers =
            new PriorityQueue<>((a, b) -> Long.compare(a.notBefore - b.notBefore, 0));
    private final Map<TopicPartition, Integer> runningByPartition = new HashMap<>();
    private double share = 1.0;
    private int freeSlots;
    private int backlog;
    private long lastSweep;
    private volatile boolean open = true;
    private Thread thread;

    public SendDispatcher(Work work, Executor executor, Settings settings, Listener listener, LongSupplier nanoClock,
            Clock wallClock) {
        this.work = work;
        this.executor = executor;
        this.settings = settings;
        this.listener = listener;
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
        this.freeSlots = settings.concurrency();
        this.lastSweep = nanoClock.getAsLong();
    }

    /** Starts the dispatch thread. Tests may instead call {@link #dispatch()} themselves. */
    public void start(String threadName) {
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    public void enqueue(PendingSend p) {
        lock.lock();
        try {
            Lane lane = lanes.computeIfAbsent(p.send().botId(), Lane::new);
            ChatQueue chat = chats.computeIfAbsent(new ChatKey(lane.botId, p.send().chatId()), k -> new ChatQueue(lane,
                    k.chatId(), new TokenBucket("chat " + k.chatId(), lane.limits.chatConfig(k.chatId()), nanoClock)));
            chat.messages.addLast(p);
            lane.backlog++;
            backlog++;
            if (!chat.running && !chat.scheduled) {
                schedule(chat, nanoClock.getAsLong());
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Sets this instance's share of every bot's global rate (partitions owned / partitions in total). */
    public void setShare(double newShare) {
        lock.lock();
        try {
            share = newShare;
            lanes.values().forEach(l -> l.global.reconfigure(l.limits.globalConfig(share)));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public double share() {
        lock.lock();
        try {
            return share;
        } finally {
            lock.unlock();
        }
    }

    /** Re-reads a bot's limits (its definition changed). Chats created from now on use the new per-chat limits. */
    public void refreshLimits(String botId) {
        lock.lock();
        try {
            Lane lane = lanes.get(botId);
            if (lane != null) {
                lane.limits = settings.limitsFor().apply(botId);
                lane.global.reconfigure(lane.limits.globalConfig(share));
                chats.values().stream().filter(c -> c.lane == lane)
                        .forEach(c -> c.bucket.reconfigure(lane.limits.chatConfig(c.chatId)));
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    public int backlog() {
        lock.lock();
        try {
            return backlog;
        } finally {
            lock.unlock();
        }
    }

    public int backlog(String botId) {
        lock.lock();
        try {
            Lane lane = lanes.get(botId);
            return lane == null ? 0 : lane.backlog;
        } finally {
            lock.unlock();
        }
    }

    public List<String> bots() {
        lock.lock();
        try {
            return List.copyOf(lanes.keySet());
        } finally {
            lock.unlock();
        }
    }

    /** This instance's current rate for a bot, in messages a second. */
    public double instanceRate(String botId) {
        lock.lock();
        try {
            Lane lane = lanes.get(botId);
            return lane == null ? 0 : lane.global.config().permitsPerSecond();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Gives up partitions: forgets their queued messages (the next owner gets them again) and waits, up to
     * {@code maxWait}, for their calls in flight to finish. Returns true when none is left in flight.
     */
    public boolean revoke(Collection<TopicPartition> partitions, Duration maxWait) {
        long deadline = nanoClock.getAsLong() + maxWait.toNanos();
        lock.lock();
        try {
            while (true) {
                dropQueued(partitions);
                if (partitions.stream().noneMatch(tp -> runningByPartition.getOrDefault(tp, 0) > 0)) {
                    return true;
                }
                long left = deadline - nanoClock.getAsLong();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void dropQueued(Collection<TopicPartition> partitions) {
        for (ChatQueue chat : chats.values()) {
            Iterator<PendingSend> it = chat.messages.iterator();
            boolean first = true;
            while (it.hasNext()) {
                PendingSend p = it.next();
                boolean inFlight = first && chat.running;
                first = false;
                if (!inFlight && partitions.contains(p.partition())) {
                    it.remove();
                    chat.lane.backlog--;
                    backlog--;
                }
            }
        }
    }

    /** Waits, up to {@code maxWait}, until no call is in flight (shutdown). */
    public boolean awaitIdle(Duration maxWait) {
        long deadline = nanoClock.getAsLong() + maxWait.toNanos();
        lock.lock();
        try {
            while (freeSlots < settings.concurrency()) {
                long left = deadline - nanoClock.getAsLong();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (open) {
            lock.lock();
            try {
                long wait = dispatch();
                if (open && wait > 0) {
                    changed.awaitNanos(wait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Telegram dispatch pass failed; continuing", e);
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * One dispatch pass: starts every message that may go now and returns how many nanoseconds until something may
     * change by itself (a timer, a bucket refill, a pause ending). Public for tests that step the clock.
     */
    public long dispatch() {
        lock.lock();
        try {
            long now = nanoClock.getAsLong();
            releaseDueTimers(now);
            long wait = SWEEP_EVERY_NANOS;
            for (Lane lane : lanes.values()) {
                if (lane.paused) {
                    if (lane.pausedUntil - now > 0) {
                        wait = Math.min(wait, lane.pausedUntil - now);
                        continue;
                    }
                    lane.paused = false;
                }
                wait = Math.min(wait, dispatchLane(lane, now));
            }
            if (!timers.isEmpty()) {
                wait = Math.min(wait, Math.max(1, timers.peek().notBefore - now));
            }
            if (now - lastSweep > SWEEP_EVERY_NANOS) {
                sweepIdleChats(now);
                lastSweep = now;
            }
            return wait;
        } finally {
            lock.unlock();
        }
    }

    private long dispatchLane(Lane lane, long now) {
        while (!lane.ready.isEmpty() && freeSlots > 0) {
            ChatQueue chat = lane.ready.peekFirst();
            if (chat.messages.isEmpty()) {
                lane.ready.pollFirst();
                chat.scheduled = false;
                continue;
            }
            PendingSend head = chat.messages.peekFirst();
            if (isStale(head)) {
                lane.ready.pollFirst();
                chat.scheduled = false;
                start(chat, head, true);
                continue;
            }
            boolean chatLimited = countsAgainstChat(head);
            long chatWait = chatLimited ? chat.bucket.nanosUntilPermit() : 0;
            if (chatWait > 0) {
                lane.ready.pollFirst();
                chat.notBefore = now + chatWait;
                timers.add(chat);
                continue;
            }
            long globalWait = lane.global.nanosUntilPermit();
            if (globalWait > 0) {
                return globalWait;
            }
            lane.ready.pollFirst();
            chat.scheduled = false;
            if (chatLimited) {
                chat.bucket.tryAcquire();
            }
            lane.global.tryAcquire();
            start(chat, head, false);
        }
        return Long.MAX_VALUE;
    }

    /** Callback answers are not chat messages: Telegram does not count them against a chat's limit. */
    private static boolean countsAgainstChat(PendingSend p) {
        return !"answerCallbackQuery".equals(p.send().method());
    }

    private boolean isStale(PendingSend p) {
        Instant enqueued = p.send().enqueuedAt();
        Duration limit = settings.staleAfter().apply(p);
        return enqueued != null && limit != null && enqueued.plus(limit).isBefore(wallClock.instant());
    }

    private void start(ChatQueue chat, PendingSend p, boolean stale) {
        chat.running = true;
        freeSlots--;
        runningByPartition.merge(p.partition(), 1, Integer::sum);
        try {
            executor.execute(() -> {
                Outcome outcome;
                try {
                    outcome = work.process(p, stale);
                } catch (RuntimeException e) {
                    log.error("Unexpected failure sending {}; retrying", p, e);
                    outcome = Outcome.retryIn(TimeUnit.SECONDS.toNanos(1));
                }
                complete(chat, p, outcome);
            });
        } catch (RuntimeException rejected) {
            // the executor is shutting down: leave the message queued, it is redelivered to the next owner
            chat.running = false;
            freeSlots++;
            runningByPartition.merge(p.partition(), -1, Integer::sum);
        }
    }

    private void complete(ChatQueue chat, PendingSend p, Outcome outcome) {
        lock.lock();
        try {
            long now = nanoClock.getAsLong();
            chat.running = false;
            freeSlots++;
            runningByPartition.merge(p.partition(), -1, Integer::sum);
            switch (outcome.kind()) {
                case DONE -> {
                    chat.messages.remove(p);
                    chat.lane.backlog--;
                    backlog--;
                    listener.finished(p);
                }
                case RETRY -> chat.notBefore = now + outcome.delayNanos();
                case RATE_LIMITED -> rateLimited(chat, now, outcome.delayNanos());
            }
            if (!chat.messages.isEmpty() && !chat.scheduled) {
                schedule(chat, now);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void rateLimited(ChatQueue chat, long now, long retryAfterNanos) {
        chat.notBefore = now + retryAfterNanos;
        chat.bucket.drain();
        FloodDetector.Scope scope = chat.lane.flood.record(chat.chatId);
        if (scope == FloodDetector.Scope.BOT) {
            Lane lane = chat.lane;
            long until = now + retryAfterNanos;
            if (!lane.paused || until - lane.pausedUntil > 0) {
                lane.pausedUntil = until;
            }
            lane.paused = true;
            lane.global.drain();
        }
        listener.rateLimited(chat.lane.botId, scope, retryAfterNanos);
    }

    private void schedule(ChatQueue chat, long now) {
        chat.scheduled = true;
        if (chat.notBefore - now > 0) {
            timers.add(chat);
        } else {
            chat.lane.ready.addLast(chat);
        }
    }

    private void releaseDueTimers(long now) {
        while (!timers.isEmpty() && timers.peek().notBefore - now <= 0) {
            ChatQueue chat = timers.poll();
            if (chat.messages.isEmpty()) {
                chat.scheduled = false;
            } else {
                chat.lane.ready.addLast(chat);
            }
        }
    }

    /** Forgets chats with nothing queued whose bucket is full again: bounded memory, and no limit is lost. */
    private void sweepIdleChats(long now) {
        List<ChatKey> idle = new ArrayList<>();
        chats.forEach((k, c) -> {
            if (c.messages.isEmpty() && !c.running && !c.scheduled && c.notBefore - now <= 0 && c.bucket.isFull()) {
                idle.add(k);
            }
        });
        idle.forEach(chats::remove);
    }

    @Override
    public void close() {
        open = false;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (thread != null) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
