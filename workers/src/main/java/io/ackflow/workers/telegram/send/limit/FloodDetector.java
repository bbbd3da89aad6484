package io.ackflow.workers.telegram.send.limit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Decides whether a {@code 429} hit one chat or the whole bot. Telegram answers both with the same "Too Many Requests:
 * retry after N", so the scope is inferred: when {@code threshold} or more distinct chats of one bot get a 429 within
 * {@code window}, the bot as a whole is flooding and every chat pauses; otherwise only the chat that got it pauses.
 * One instance of this per bot; thread-safe.
 */
public final class FloodDetector {

    /** What a 429 pauses. */
    public enum Scope { CHAT, BOT }

    private record Hit(long chatId, long at) {}

    private final int threshold;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final ArrayDeque<Hit> hits = new ArrayDeque<>();

    public FloodDetector(int threshold, Duration window, LongSupplier nanoClock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("flood threshold must be at least 1, got " + threshold);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("flood window must be positive, got " + window);
        }
        this.threshold = threshold;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Records a 429 for {@code chatId} and says what it should pause. */
    public synchronized Scope record(long chatId) {
        long now = nanoClock.getAsLong();
        hits.addLast(new Hit(chatId, now));
        while (!hits.isEmpty() && now - hits.peekFirst().at() > windowNanos) {
            hits.removeFirst();
        }
        Set<Long> chats = new HashSet<>();
        for (Iterator<Hit> it = hits.iterator(); it.hasNext(); ) {
            chats.add(it.next().chatId());
        }
        return chats.size() >= threshold ? Scope.BOT : Scope.CHAT;
    }
}
