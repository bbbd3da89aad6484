package io.ackflow.app.sweep.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An answer as read off the socket.
 *
 * @param status the HTTP status, or 0 when no answer could be read ({@code error} says why)
 * @param headers header values by lower-case name
 * @param error the I/O error when there was no answer, else null
 */
public record RawResponse(int status, Map<String, List<String>> headers, byte[] body, String error) {

    static RawResponse none(String error) {
        return new RawResponse(0, Map.of(), new byte[0], error);
    }

    public boolean answered() {
        return status > 0;
    }

    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String contentType() {
        String ct = header("Content-Type");
        return ct == null ? "" : ct;
    }

    public boolean isProblem() {
        return contentType().startsWith("application/problem+json");
    }

    /** Headers and body as text, for the secret search. */
    public String text() {
        StringBuilder b = new StringBuilder();
        headers.forEach((k, v) -> v.forEach(x -> b.append(k).append(": ").append(x).append('\n')));
        return b.append('\n').append(new String(body, StandardCharsets.UTF_8)).toString();
    }
}
