package io.ackflow.bench.persister;

import io.ackflow.schema.event.Bid;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A deterministic stream of bid events over a fixed set of (auction, bidder) keys. Every key occurs at least once; the
 * other {@code events - keys} events repeat a random earlier key, so with {@code events = 2 * keys} half of the events
 * conflict. The sequence is shuffled, so conflicts are spread over the whole stream (and over every batch).
 *
 * <p>Only two ints per event are kept; a {@link Bid} is rebuilt on demand, so 1M events cost 8 MB of heap.
 */
final class BidWorkload {
    static final int BIDDERS_PER_AUCTION = 500;

    private final String auctionPrefix;
    private final int keys;
    private final int[] key;
    private final int[] cents;
    private final long baseMillis;
    private final long idBits;

    /** What the {@code bids} table must hold after a set of events was applied: rows and the sum of amounts. */
    record Expectation(long rows, BigDecimal amountSum) {}

    private BidWorkload(String auctionPrefix, int keys, int[] key, int[] cents, long baseMillis, long idBits) {
        this.auctionPrefix = auctionPrefix;
        this.keys = keys;
        this.key = key;
        this.cents = cents;
        this.baseMillis = baseMillis;
        this.idBits = idBits;
    }

    /**
     * @param auctionPrefix auction ids are {@code prefix + n}; use distinct prefixes for workloads that share a table
     */
    static BidWorkload generate(String auctionPrefix, int events, int keys, long seed) {
        if (keys < 1 || events < keys) {
            throw new IllegalArgumentException("need 1 <= keys <= events, got keys=" + keys + ", events=" + events);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] key = new int[events];
        for (int i = 0; i < events; i++) {
            key[i] = i < keys ? i : random.nextInt(keys);
        }
        for (int i = events - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = key[i];
            key[i] = key[j];
            key[j] = t;
        }
        int[] cents = new int[events];
        for (int i = 0; i < events; i++) {
            cents[i] = 100 + random.nextInt(999_900);
        }
        return new BidWorkload(auctionPrefix, keys, key, cents, Instant.parse("2030-01-01T00:00:00Z").toEpochMilli(),
                random.nextLong());
    }

    int events() {
        return key.length;
    }

    int keys() {
        return keys;
    }

    String auctionPrefix() {
        return auctionPrefix;
    }

    int keyOf(int event) {
        return key[event];
    }

    String auctionId(int event) {
        return auctionPrefix + (key[event] / BIDDERS_PER_AUCTION);
    }

    String bidderId(int event) {
        return "bidder-" + (key[event] % BIDDERS_PER_AUCTION);
    }

    BigDecimal amount(int event) {
        return BigDecimal.valueOf(cents[event], 2);
    }

    String displayName(int event) {
        return "name-" + event;
    }

    /** Distinct per event, so ties on amount never reach the event id rule; placed_at breaks them first anyway. */
    Instant placedAt(int event) {
        return Instant.ofEpochMilli(baseMillis + event);
    }

    /** A UUID-shaped id, cheap to derive (the benchmark should not measure SHA-1). */
    String eventId(int event) {
        long z = idBits + (event + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return new UUID((idBits & 0xFFFFFFFFFFFF0FFFL) | 0x4000L, (z & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
                .toString();
    }

    Bid bid(int event) {
        return new Bid(eventId(event), auctionId(event), bidderId(event), amount(event), displayName(event),
                placedAt(event));
    }

    /** The rows the upsert rule keeps (highest amount, then earliest placed_at) after applying {@code events}. */
    Expectation expect(int[] events) {
        int[] best = new int[keys];
        java.util.Arrays.fill(best, -1);
        for (int e : events) {
            int k = key[e];
            int b = best[k];
            if (b < 0 || cents[e] > cents[b] || (cents[e] == cents[b] && e < b)) {
                best[k] = e;
            }
        }
        long rows = 0;
        long sum = 0;
        for (int b : best) {
            if (b >= 0) {
                rows++;
                sum += cents[b];
            }
        }
        return new Expectation(rows, BigDecimal.valueOf(sum, 2));
    }

    /** The expectation after every event. */
    Expectation expectAll() {
        int[] all = new int[events()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return expect(all);
    }
}
