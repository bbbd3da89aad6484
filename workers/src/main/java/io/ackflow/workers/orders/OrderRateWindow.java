package io.ackflow.workers.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Orders per account in a sliding one-minute window, in memory. Webhooks are keyed by account, so one consumer owns an
 * account at a time and no shared store is needed. Times are the orders' ingress times, so a backlog does not make
 * old orders look simultaneous. The window is cleared when partitions are revoked: after a rebalance the new owner
 * starts empty, so across a rebalance an account may place up to twice its limit within one minute.
 */
public class OrderRateWindow {
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final Map<String, Deque<Instant>> byAccount = new ConcurrentHashMap<>();

    /** True when one more order at {@code at} stays within {@code limit} orders in the minute before it. */
    public boolean allows(String accountId, int limit, Instant at) {
        Deque<Instant> times = byAccount.get(accountId);
        if (times == null) {
            return limit > 0;
        }
        synchronized (times) {
            evict(times, at);
            return times.size() < limit;
        }
    }

    public void record(String accountId, Instant at) {
        Deque<Instant> times = byAccount.computeIfAbsent(accountId, a -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(at);
            evict(times, at);
        }
    }

    public void clear() {
        byAccount.clear();
    }

    private static void evict(Deque<Instant> times, Instant now) {
        Instant cutoff = now.minus(WINDOW);
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
            times.pollFirst();
        }
    }
}
