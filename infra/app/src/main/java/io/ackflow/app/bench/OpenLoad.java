package io.ackflow.app.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * An open-model load generator: request {@code i} is due at {@code start + i / rate}; it is sent asynchronously at
 * that time whatever happened to the earlier ones, and its latency counts from that <em>intended</em> time, so queueing
 * in the server (or in this client) is never hidden (no coordinated omission). In-flight requests are bounded; a request
 * due while the bound is reached is counted as {@code dropped} (status -2), never silently skipped.
 */
final class OpenLoad {
    static final int IO_ERROR = -1;
    static final int DROPPED = -2;
    private static final long MAX_MICROS = TimeUnit.SECONDS.toMicros(120);

    /** Called with each answer (status -1 on an I/O error or timeout); runs on the client's threads. */
    @FunctionalInterface
    interface Listener {
        void done(int index, int status, String body, long latencyMicros);
    }

    private OpenLoad() {}

    /** {@code count} requests at a constant rate. */
    static Result constantRate(Http http, double perSecond, int count, IntFunction<HttpRequest> requests,
            Listener listener, int maxInFlight) {
        double intervalNanos = 1e9 / perSecond;
        return run(http, count, i -> (long) (i * intervalNanos), requests, listener, maxInFlight);
    }

    /** {@code count} requests all due at the same instant. */
    static Result burst(Http http, int count, IntFunction<HttpRequest> requests, Listener listener) {
        return run(http, count, i -> 0L, requests, listener, count);
    }

    private interface Schedule {
        long offsetNanos(int index);
    }

    private static Result run(Http http, int count, Schedule schedule, IntFunction<HttpRequest> requests,
            Listener listener, int maxInFlight) {
        Result result = new Result();
        Semaphore inFlight = new Semaphore(maxInFlight);
        Semaphore finished = new Semaphore(0);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        result.startNanos = start;
        result.startMillis = System.currentTimeMillis() + 20;
        for (int i = 0; i < count; i++) {
            long intended = start + schedule.offsetNanos(i);
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            if (!inFlight.tryAcquire()) {
                result.record(intended, DROPPED, System.nanoTime());
                listener.done(index, DROPPED, null, 0);
                finished.release();
                continue;
            }
            HttpRequest request;
            try {
                request = requests.apply(index);
            } catch (RuntimeException e) {
                inFlight.release();
                throw e;
            }
            http.client().sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, ex) -> {
                long now = System.nanoTime();
                int status = ex != null ? IO_ERROR : r.statusCode();
                long micros = result.record(intended, status, now);
                try {
                    listener.done(index, status, r == null ? null : r.body(), micros);
                } finally {
                    inFlight.release();
                    finished.release();
                }
            });
        }
        result.lastDueNanos = start + (count == 0 ? 0 : schedule.offsetNanos(count - 1));
        try {
            // Each request times out after Http.TIMEOUT once sent; the client may still hold some unsent in its queue
            // on a starved machine, so wait a bounded while longer and report what is still unanswered.
            long bound = Http.TIMEOUT.toMillis() + 30_000;
            if (!finished.tryAcquire(count, bound, TimeUnit.MILLISECONDS)) {
                result.unanswered = count - finished.availablePermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        result.endNanos = System.nanoTime();
        return result;
    }

    /** Latencies (all answers, and 2xx only), per-second windows by intended time, and status counts. */
    static final class Result {
        final Histogram all = new Histogram(MAX_MICROS, 3);
        final Histogram ok = new Histogram(MAX_MICROS, 3);
        private final Map<Integer, Histogram> windows = new ConcurrentHashMap<>();
        private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        private final AtomicLong sent = new AtomicLong();
        long startNanos;
        long startMillis;
        long lastDueNanos;
        long endNanos;
        /** Requests with no answer (not even a timeout) when the run gave up waiting; not in {@link #total()}. */
        volatile long unanswered;

        private long record(long intended, int status, long now) {
            long micros = Math.max(0, Math.min(MAX_MICROS, (now - intended) / 1000));
            sent.incrementAndGet();
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            if (status >= 0) {
                synchronized (this) {
                    all.recordValue(micros);
                    if (status / 100 == 2) {
                        ok.recordValue(micros);
                    }
                    int second = (int) Math.max(0, (intended - startNanos) / 1_000_000_000L);
                    windows.computeIfAbsent(second, s -> new Histogram(MAX_MICROS, 2)).recordValue(micros);
                }
            }
            return micros;
        }

        long count(int status) {
            LongAdder a = statuses.get(status);
            return a == null ? 0 : a.sum();
        }

        long count2xx() {
            return statuses.entrySet().stream().filter(e -> e.getKey() / 100 == 2).mapToLong(e -> e.getValue().sum()).sum();
        }

        long total() {
            return sent.get();
        }

        Map<Integer, Long> statuses() {
            Map<Integer, Long> m = new TreeMap<>();
            statuses.forEach((k, v) -> m.put(k, v.sum()));
            return m;
        }

        /** Requests per second actually offered: requests over the span from the first to the last due time. */
        double offeredRate() {
            double seconds = Math.max(1e-9, (lastDueNanos - startNanos) / 1e9);
            return total() <= 1 ? total() : (total() - 1) / seconds;
        }

        /** 2xx answers per second of wall time, from the first due time to the last answer. */
        double okRate() {
            return count2xx() / Math.max(1e-9, (endNanos - startNanos) / 1e9);
        }

        static double ms(Histogram h, double percentile) {
            return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
        }

        /** One point per second of intended send time: p50, p99, max (ms). */
        synchronized List<Series.Point> series() {
            List<Series.Point> points = new ArrayList<>();
            new TreeMap<>(windows).forEach((second, h) -> points.add(new Series.Point(second,
                    Map.of("p50", ms(h, 50), "p99", ms(h, 99), "max", h.getMaxValue() / 1000.0))));
            return points;
        }

        Duration wall() {
            return Duration.ofNanos(endNanos - startNanos);
        }
    }
}
