package io.ackflow.bench.load;

import io.ackflow.bench.load.internal.Connection;
import io.ackflow.bench.load.internal.HttpResponseReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open-model HTTP/1.1 load generator: requests leave at fixed intended times ({@link ConstantRate}) over a fixed
 * pool of keep-alive connections, one request per connection at a time, and latency counts from the intended time to
 * the end of the response, so a slow server shows up as latency rather than as a lower send rate (no coordinated
 * omission).
 *
 * <p>Two threads: the caller's thread is the sender (it parks until each intended time, takes an idle connection and
 * writes); a receiver thread blocks in a {@link Selector}, timestamps each response the moment it is read, and returns
 * the connection to the idle queue (FIFO, so every connection stays in use and none is closed for idling). When every
 * connection is busy the request waits for one, and that wait counts in its latency. Connections the server closes are
 * replaced. The run ends by itself: after the last intended send, it waits up to the drain timeout for answers.
 */
public final class LoadGenerator {
    private static final Logger log = LoggerFactory.getLogger(LoadGenerator.class);
    private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.MINUTES.toNanos(5);

    /**
     * @param target loopback address of the server
     * @param connections keep-alive connections, at least 1; enough to cover rate x latency with room for stalls
     * @param ratePerSecond intended requests per second
     * @param warmup leading period whose requests are sent but not measured
     * @param measured the measured window
     * @param drainTimeout how long to wait for answers after the last intended send
     */
    public record Settings(
            InetSocketAddress target,
            int connections,
            double ratePerSecond,
            Duration warmup,
            Duration measured,
            Duration drainTimeout) {

        public Settings {
            if (!target.getAddress().isLoopbackAddress()) {
                throw new IllegalArgumentException("the load generator only targets loopback, got " + target);
            }
            if (connections < 1 || connections > 10_000) {
                throw new IllegalArgumentException("connections must be between 1 and 10000, got " + connections);
            }
            if (!(ratePerSecond > 0) || ratePerSecond > 1_000_000) {
                throw new IllegalArgumentException("rate must be in (0, 1000000], got " + ratePerSecond);
            }
            if (drainTimeout.isNegative() || drainTimeout.isZero()) {
                throw new IllegalArgumentException("drainTimeout must be positive, got " + drainTimeout);
            }
        }
    }

    private final Settings settings;

    public LoadGenerator(Settings settings) {
        this.settings = settings;
    }

    public LoadResult run(HttpRequestSource requests) throws IOException, InterruptedException {
        return new Run(settings, requests).execute();
    }

    /** State of one run; the sender and receiver threads share only the thread-safe fields. */
    private static final class Run {
        private final Settings settings;
        private final HttpRequestSource requests;
        private final Selector selector;
        private final BlockingQueue<Connection> idle;
        private final ConcurrentLinkedQueue<Connection> broken = new ConcurrentLinkedQueue<>();
        private final List<Connection> all = new CopyOnWriteArrayList<>();
        private ConstantRate schedule;

        // receiver-owned
        private final Histogram latency = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
        private long lastMeasuredAnswerNanos;
        private long receiverCpuNanos;
        // sender-owned
        private final Histogram lag = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
        private long connectionWaits;
        // shared
        private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        private final LongAdder succeeded = new LongAdder();
        private final AtomicLong finished = new AtomicLong();
        private final AtomicLong reconnects = new AtomicLong();
        private volatile boolean stopping;

        Run(Settings settings, HttpRequestSource requests) throws IOException {
            this.settings = settings;
            this.requests = requests;
            this.selector = Selector.open();
            this.idle = new ArrayBlockingQueue<>(settings.connections());
        }

        LoadResult execute() throws IOException, InterruptedException {
            long wallStart = System.nanoTime();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long senderCpuStart = threads.getCurrentThreadCpuTime();
            try {
                for (int i = 0; i < settings.connections(); i++) {
                    Connection c = Connection.open(settings.target());
                    c.channel().register(selector, SelectionKey.OP_READ, c);
                    all.add(c);
                    idle.add(c);
                }
                schedule = new ConstantRate(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20),
                        settings.ratePerSecond(), settings.warmup(), settings.measured());
                Thread receiver = new Thread(this::receive, "loadgen-receiver");
                receiver.setDaemon(true);
                receiver.start();
                long dispatched = send();
                awaitAnswers(dispatched);
                stopping = true;
                selector.wakeup();
                receiver.join(TimeUnit.SECONDS.toMillis(10));
                long unanswered = dispatched - finished.get();
                if (unanswered > 0) {
                    countMeasuredUnfinished();
                }
            } finally {
                stopping = true;
                for (Connection c : all) {
                    c.closeQuietly();
                }
                selector.close();
            }
            long senderCpu = threads.getCurrentThreadCpuTime() - senderCpuStart;
            return result(Duration.ofNanos(senderCpu + receiverCpuNanos), Duration.ofNanos(System.nanoTime() - wallStart));
        }

        /** Sends every request at its intended time; returns how many were written. */
        private long send() throws InterruptedException {
            long deadline = schedule.intendedNanos(schedule.totalCount()) + settings.drainTimeout().toNanos();
            long dispatched = 0;
            long previousSent = Long.MIN_VALUE;
            for (long seq = 0; seq < schedule.totalCount(); seq++) {
                long intended = schedule.intendedNanos(seq);
                long woke = schedule.awaitIntended(seq);
                boolean measured = schedule.isMeasured(seq);
                if (measured) {
                    // Own lag only: when the previous send ended after this one was due (it waited for a busy
                    // server's connection), the lateness is the server's and is already in the latency.
                    lag.recordValue(Math.min(woke - Math.max(intended, previousSent), HIGHEST_TRACKABLE_NANOS));
                }
                Connection c = idle.poll();
                if (c == null) {
                    if (measured) {
                        connectionWaits++;
                    }
                    c = awaitIdle(deadline);
                    if (c == null) {
                        long unsent = schedule.totalCount() - Math.max(seq, schedule.warmupCount());
                        error("unsent", Math.min(unsent, schedule.measuredCount()));
                        log.warn("No connection came free before the deadline; {} requests not sent", unsent);
                        break;
                    }
                }
                byte[] bytes = requests.request(seq);
                c.begin(seq, intended);
                dispatched++;
                try {
                    c.writeFully(ByteBuffer.wrap(bytes), TimeUnit.SECONDS.toNanos(5));
                } catch (IOException e) {
                    if (c.finish(seq)) {
                        fail(seq);
                    }
                    broken.add(c);
                    selector.wakeup();
                }
                previousSent = System.nanoTime();
            }
            return dispatched;
        }

        private Connection awaitIdle(long deadline) throws InterruptedException {
            while (System.nanoTime() < deadline) {
                Connection c = idle.poll(50, TimeUnit.MILLISECONDS);
                if (c != null) {
                    return c;
                }
            }
            return null;
        }

        private void awaitAnswers(long dispatched) throws InterruptedException {
            long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
            while (finished.get() < dispatched && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
        }

        private void receive() {
            long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            ByteBuffer readBuf = ByteBuffer.allocateDirect(64 * 1024);
            try {
                while (!stopping) {
                    selector.select(100);
                    replaceBroken();
                    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                    while (keys.hasNext()) {
                        SelectionKey key = keys.next();
                        keys.remove();
                        if (key.isValid() && key.isReadable()) {
                            read((Connection) key.attachment(), readBuf);
                        }
                    }
                }
            } catch (IOException | ClosedSelectorException e) {
                if (!stopping) {
                    log.error("Load generator receiver failed", e);
                }
            } finally {
                receiverCpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart;
            }
        }

        private void read(Connection c, ByteBuffer readBuf) {
            HttpResponseReader reader = c.reader();
            int n;
            try {
                readBuf.clear();
                n = c.channel().read(readBuf);
            } catch (IOException e) {
                n = -1;
            }
            if (n > 0) {
                readBuf.flip();
                reader.append(readBuf);
                HttpResponseReader.Response response;
                try {
                    response = reader.take();
                } catch (RuntimeException malformed) {
                    log.warn("Malformed response: {}", malformed.getMessage());
                    failAndReplace(c);
                    return;
                }
                if (response != null) {
                    answered(c, response);
                }
                return;
            }
            if (n < 0) {
                HttpResponseReader.Response lastResponse = reader.takeAtEndOfStream();
                if (lastResponse != null) {
                    answered(c, lastResponse);
                } else {
                    failAndReplace(c);
                }
                replace(c);
            }
        }

        private void answered(Connection c, HttpResponseReader.Response response) {
            long now = System.nanoTime();
            long seq = c.inFlight();
            if (!c.finish(seq)) {
                return; // an unsolicited response, or the sender already failed this request
            }
            if (schedule.isMeasured(seq)) {
                latency.recordValue(Math.min(now - c.intendedNanos(), HIGHEST_TRACKABLE_NANOS));
                if (response.status() >= 200 && response.status() < 300) {
                    succeeded.increment();
                    lastMeasuredAnswerNanos = now;
                } else {
                    error("HTTP " + response.status(), 1);
                }
            }
            finished.incrementAndGet();
            if (response.close()) {
                replace(c);
            } else {
                idle.offer(c);
            }
        }

        private void failAndReplace(Connection c) {
            long seq = c.inFlight();
            if (c.finish(seq)) {
                fail(seq);
            }
            replace(c);
        }

        private void fail(long seq) {
            if (schedule.isMeasured(seq)) {
                error("io", 1);
            }
            finished.incrementAndGet();
        }

        private void replaceBroken() {
            Connection c;
            while ((c = broken.poll()) != null) {
                replace(c);
            }
        }

        /** Receiver thread only. */
        private void replace(Connection c) {
            if (!c.markReplaced()) {
                return;
            }
            c.closeQuietly();
            if (stopping) {
                return;
            }
            try {
                Connection fresh = Connection.open(settings.target());
                fresh.channel().register(selector, SelectionKey.OP_READ, fresh);
                all.add(fresh);
                reconnects.incrementAndGet();
                idle.offer(fresh);
            } catch (IOException e) {
                log.warn("Could not reconnect to {}: {}", settings.target(), e.toString());
                error("connect", 1);
            }
        }

        private void countMeasuredUnfinished() {
            long timeouts = 0;
            for (Connection c : all) {
                long seq = c.inFlight();
                if (seq >= 0 && schedule.isMeasured(seq) && c.finish(seq)) {
                    timeouts++;
                }
            }
            if (timeouts > 0) {
                error("timeout", timeouts);
            }
        }

        private void error(String cause, long n) {
            errors.computeIfAbsent(cause, k -> new LongAdder()).add(n);
        }

        private LoadResult result(Duration cpu, Duration wall) {
            SortedMap<String, Long> errorCounts = new TreeMap<>();
            errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
            long ok = succeeded.sum();
            double windowSeconds = (lastMeasuredAnswerNanos - schedule.measuredStartNanos()) / 1e9;
            double achieved = ok == 0 || windowSeconds <= 0 ? 0 : ok / windowSeconds;
            return new LoadResult(settings.ratePerSecond(), latency, lag, schedule.measuredCount(), ok, errorCounts,
                    achieved, connectionWaits, reconnects.get(), cpu, wall);
        }
    }
}
