package io.ackflow.bench.load.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One keep-alive HTTP/1.1 connection carrying at most one request at a time. The sender thread writes a request; the
 * receiver thread reads the response. Whichever thread finishes the request (response, or failure) wins the
 * {@link #finish(long)} race, so a request is counted exactly once.
 */
public final class Connection {
    private static final long NO_REQUEST = -1;

    private final SocketChannel channel;
    private final HttpResponseReader reader = new HttpResponseReader();
    private final AtomicLong inFlightSeq = new AtomicLong(NO_REQUEST);
    private final AtomicBoolean replaced = new AtomicBoolean();
    private volatile long intendedNanos;

    private Connection(SocketChannel channel) {
        this.channel = channel;
    }

    /** Connects (blocking, loopback is fast), then switches to non-blocking mode. */
    public static Connection open(InetSocketAddress target) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.connect(target);
            ch.configureBlocking(false);
            return new Connection(ch);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    public SocketChannel channel() {
        return channel;
    }

    public HttpResponseReader reader() {
        return reader;
    }

    /** Marks request {@code seq}, intended for {@code intendedNanos}, in flight. Call before writing it. */
    public void begin(long seq, long intendedNanos) {
        this.intendedNanos = intendedNanos;
        inFlightSeq.set(seq);
    }

    /** The in-flight request's sequence number, or -1. */
    public long inFlight() {
        return inFlightSeq.get();
    }

    public long intendedNanos() {
        return intendedNanos;
    }

    /** Ends request {@code seq}; false if it was already ended by the other thread. */
    public boolean finish(long seq) {
        return seq != NO_REQUEST && inFlightSeq.compareAndSet(seq, NO_REQUEST);
    }

    /** True the first time only: the caller then owns replacing this connection. */
    public boolean markReplaced() {
        return replaced.compareAndSet(false, true);
    }

    public boolean isReplaced() {
        return replaced.get();
    }

    /**
     * Writes all of {@code request} from the sender thread. Requests are small, so a full socket buffer is rare; it is
     * waited out in 20 µs steps up to {@code timeoutNanos}.
     */
    public void writeFully(ByteBuffer request, long timeoutNanos) throws IOException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (request.hasRemaining()) {
            if (channel.write(request) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("socket send buffer stayed full for "
                            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
                }
                LockSupport.parkNanos(20_000);
            }
        }
    }

    public void closeQuietly() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket we are abandoning
        }
    }
}
