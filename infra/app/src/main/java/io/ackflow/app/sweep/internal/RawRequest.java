package io.ackflow.app.sweep.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP/1.1 request written byte for byte, so the sweep can send what {@code java.net.http} refuses to: duplicated
 * headers, raw control and non-ASCII bytes in headers and paths, a missing {@code Host}, contradictory framing.
 * Built from a valid baseline with one change; {@link #copy()} before changing a shared baseline.
 */
public final class RawRequest {
    /** How the body is framed: a computed {@code Content-Length}, chunks, or only what the headers say. */
    public enum Framing { LENGTH, CHUNKED, AS_GIVEN }

    private final String method;
    private final String target;
    private final List<Header> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private Framing framing = Framing.LENGTH;
    private boolean host = true;

    private record Header(String name, byte[] value) {}

    private RawRequest(String method, String target) {
        this.method = method;
        this.target = target;
    }

    /** {@code target} is the request target as sent (path and query, already percent-encoded where wanted). */
    public static RawRequest of(String method, String target) {
        return new RawRequest(method, target);
    }

    public RawRequest copy() {
        return to(method, target);
    }

    /** A copy of this request (headers, body, framing) to another method and target. */
    public RawRequest to(String method, String target) {
        RawRequest moved = new RawRequest(method, target);
        moved.headers.addAll(headers);
        moved.body = body;
        moved.framing = framing;
        moved.host = host;
        return moved;
    }

    /** Adds a header line, even when one of that name exists (a duplicated header). */
    public RawRequest add(String name, String value) {
        return addBytes(name, value.getBytes(StandardCharsets.UTF_8));
    }

    public RawRequest addBytes(String name, byte[] value) {
        headers.add(new Header(name, value));
        return this;
    }

    /** Replaces every header of that name. */
    public RawRequest set(String name, String value) {
        return remove(name).add(name, value);
    }

    public RawRequest remove(String name) {
        headers.removeIf(h -> h.name().equalsIgnoreCase(name));
        return this;
    }

    public RawRequest bearer(String token) {
        return set("Authorization", "Bearer " + token);
    }

    public RawRequest json(String json) {
        return body(json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    public RawRequest body(byte[] bytes, String contentType) {
        this.body = bytes;
        return contentType == null ? remove("Content-Type") : set("Content-Type", contentType);
    }

    public RawRequest framing(Framing framing) {
        this.framing = framing;
        return this;
    }

    public RawRequest withoutHost() {
        this.host = false;
        return this;
    }

    public String method() {
        return method;
    }

    public String target() {
        return target;
    }

    public byte[] body() {
        return body;
    }

    /** The header's first value as text, or null. */
    public String header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).findFirst()
                .map(h -> new String(h.value(), StandardCharsets.UTF_8)).orElse(null);
    }

    /** The bytes on the wire; the target goes out as ISO-8859-1 so each of its chars is one byte. */
    byte[] encode(String hostAndPort) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 512);
        out.writeBytes((method + " " + target + " HTTP/1.1\r\n").getBytes(StandardCharsets.ISO_8859_1));
        if (host) {
            line(out, "Host", hostAndPort.getBytes(StandardCharsets.US_ASCII));
        }
        for (Header h : headers) {
            line(out, h.name(), h.value());
        }
        line(out, "Connection", "close".getBytes(StandardCharsets.US_ASCII));
        switch (framing) {
            case LENGTH -> {
                if (body.length > 0 || method.equals("POST") || method.equals("PUT")) {
                    line(out, "Content-Length", Integer.toString(body.length).getBytes(StandardCharsets.US_ASCII));
                }
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(body);
            }
            case CHUNKED -> {
                line(out, "Transfer-Encoding", "chunked".getBytes(StandardCharsets.US_ASCII));
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                for (int at = 0; at < body.length; at += 8192) {
                    int n = Math.min(8192, body.length - at);
                    out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, at, n);
                    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            case AS_GIVEN -> {
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(body);
            }
        }
        return out.toByteArray();
    }

    private static void line(ByteArrayOutputStream out, String name, byte[] value) {
        out.writeBytes((name + ": ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(value);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return method + " " + (target.length() > 80 ? target.substring(0, 80) + "..." : target) + " (" + body.length
                + " B body)";
    }
}
