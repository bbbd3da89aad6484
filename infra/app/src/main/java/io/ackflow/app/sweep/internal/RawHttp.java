package io.ackflow.app.sweep.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a {@link RawRequest} on a fresh connection ({@code Connection: close}) and reads the whole answer. When the
 * server answers early and closes (a body over the limit), the write fails but the answer is usually already in the
 * socket's buffer, so it is read anyway.
 */
public final class RawHttp {
    private static final int MAX_ANSWER = 4 * 1024 * 1024;

    private final Duration connectTimeout;
    private final Duration readTimeout;

    public RawHttp(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    public RawResponse send(URI base, RawRequest request) {
        String hostAndPort = base.getHost() + ":" + base.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            String writeError = null;
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request.encode(hostAndPort));
                out.flush();
            } catch (IOException e) {
                writeError = e.toString();
            }
            try {
                return parse(readAll(socket.getInputStream()));
            } catch (IOException e) {
                return RawResponse.none(writeError != null ? "write: " + writeError + "; read: " + e : e.toString());
            }
        } catch (IOException e) {
            return RawResponse.none("connect: " + e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[16384];
        int n;
        try {
            while ((n = in.read(chunk)) >= 0 && buf.size() < MAX_ANSWER) {
                buf.write(chunk, 0, n);
            }
        } catch (IOException e) {
            // a reset after the answer was written still leaves a usable answer
            if (buf.size() == 0) {
                throw e;
            }
        }
        return buf.toByteArray();
    }

    static RawResponse parse(byte[] raw) throws IOException {
        int end = ByteSearch.indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (end < 0) {
            throw new IOException("no complete HTTP answer (" + raw.length + " bytes)");
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + lines[0]);
        }
        int status = Integer.parseInt(statusLine[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
        }
        byte[] rest = Arrays.copyOfRange(raw, end + 4, raw.length);
        List<String> te = headers.getOrDefault("transfer-encoding", List.of());
        byte[] body = te.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked")) ? dechunk(rest) : rest;
        return new RawResponse(status, headers, body, null);
    }

    private static byte[] dechunk(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        int at = 0;
        while (at < in.length) {
            int eol = ByteSearch.indexOf(in, new byte[] {'\r', '\n'}, at);
            if (eol < 0) {
                break;
            }
            String size = new String(in, at, eol - at, StandardCharsets.US_ASCII).split(";")[0].trim();
            int n;
            try {
                n = Integer.parseInt(size, 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (n == 0) {
                break;
            }
            int from = eol + 2;
            int len = Math.min(n, in.length - from);
            out.write(in, from, len);
            at = from + n + 2;
        }
        return out.toByteArray();
    }
}
