package io.ackflow.bench.load.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Accumulates the bytes of one HTTP/1.1 connection and recognises complete responses: {@code Content-Length} bodies,
 * chunked bodies, and bodiless statuses. Responses here are small (a few hundred bytes), so a complete response is
 * recognised by re-scanning the buffered bytes rather than by a streaming state machine.
 */
public final class HttpResponseReader {
    private static final int MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

    /** A complete response: its status and whether the server will close the connection after it. */
    public record Response(int status, boolean close) {}

    private byte[] buf = new byte[16 * 1024];
    private int len;

    /** Appends what {@code src} holds (between position and limit). */
    public void append(ByteBuffer src) {
        int n = src.remaining();
        ensureCapacity(len + n);
        src.get(buf, len, n);
        len += n;
    }

    /** Appends raw bytes (used by tests). */
    public void append(byte[] bytes) {
        append(ByteBuffer.wrap(bytes));
    }

    public int buffered() {
        return len;
    }

    public void clear() {
        len = 0;
    }

    /**
     * Takes the next complete response from the buffer, or returns {@code null} when more bytes are needed. A body
     * delimited only by the connection closing never completes here; see {@link #takeAtEndOfStream()}.
     *
     * @throws IllegalStateException if the bytes are not an HTTP/1.x response
     */
    public Response take() {
        int headerEnd = indexOfHeaderEnd();
        if (headerEnd < 0) {
            return null;
        }
        Head head = parseHead(headerEnd);
        int bodyStart = headerEnd + 4;
        int end;
        if (head.status < 200 || head.status == 204 || head.status == 304) {
            end = bodyStart;
        } else if (head.chunked) {
            end = endOfChunkedBody(bodyStart);
        } else if (head.contentLength >= 0) {
            end = len - bodyStart >= head.contentLength ? bodyStart + (int) head.contentLength : -1;
        } else {
            return null; // body runs until the server closes
        }
        if (end < 0) {
            return null;
        }
        consume(end);
        if (head.status < 200) {
            return take(); // an interim response (100 Continue): the real one follows
        }
        return new Response(head.status, head.close);
    }

    /** At end of stream: the pending response whose body ran until close, or {@code null} if none was complete. */
    public Response takeAtEndOfStream() {
        int headerEnd = indexOfHeaderEnd();
        if (headerEnd < 0) {
            return null;
        }
        Head head = parseHead(headerEnd);
        if (head.chunked || head.contentLength >= 0) {
            return null; // truncated
        }
        len = 0;
        return new Response(head.status, true);
    }

    private record Head(int status, long contentLength, boolean chunked, boolean close) {}

    private Head parseHead(int headerEnd) {
        String head = new String(buf, 0, headerEnd, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        String statusLine = lines[0];
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IllegalStateException("not an HTTP/1.x response: "
                    + statusLine.substring(0, Math.min(60, statusLine.length())));
        }
        boolean http10 = statusLine.startsWith("HTTP/1.0");
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        boolean close = http10;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> close = value.contains("close") || (http10 && !value.contains("keep-alive"));
                default -> { }
            }
        }
        return new Head(status, contentLength, chunked, close);
    }

    /** The end (exclusive) of a complete chunked body starting at {@code pos}, or -1 if incomplete. */
    private int endOfChunkedBody(int pos) {
        while (true) {
            int lineEnd = indexOfCrlf(pos);
            if (lineEnd < 0) {
                return -1;
            }
            String sizeField = new String(buf, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
            int semicolon = sizeField.indexOf(';');
            long size = Long.parseLong((semicolon >= 0 ? sizeField.substring(0, semicolon) : sizeField).trim(), 16);
            pos = lineEnd + 2;
            if (size == 0) {
                // optional trailers, then an empty line
                while (true) {
                    int trailerEnd = indexOfCrlf(pos);
                    if (trailerEnd < 0) {
                        return -1;
                    }
                    if (trailerEnd == pos) {
                        return pos + 2;
                    }
                    pos = trailerEnd + 2;
                }
            }
            if (len - pos < size + 2) {
                return -1;
            }
            pos += (int) size + 2;
        }
    }

    private int indexOfHeaderEnd() {
        for (int i = 0; i + 3 < len; i++) {
            if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
                return i;
            }
        }
        if (len > MAX_RESPONSE_BYTES) {
            throw new IllegalStateException("no end of response headers within " + len + " bytes");
        }
        return -1;
    }

    private int indexOfCrlf(int from) {
        for (int i = from; i + 1 < len; i++) {
            if (buf[i] == '\r' && buf[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void consume(int n) {
        System.arraycopy(buf, n, buf, 0, len - n);
        len -= n;
    }

    private void ensureCapacity(int needed) {
        if (needed > MAX_RESPONSE_BYTES) {
            throw new IllegalStateException("response larger than " + MAX_RESPONSE_BYTES + " bytes");
        }
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
    }
}
