package io.ackflow.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds raw HTTP/1.1 requests. */
public final class HttpRequests {
    private HttpRequests() {}

    /** A keep-alive request with a JSON body; {@code headers} are added as given (values must not contain CR/LF). */
    public static byte[] json(String method, String hostPort, String path, Map<String, String> headers, byte[] body) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        sb.append("Host: ").append(hostPort).append("\r\n");
        sb.append("Content-Type: application/json\r\n");
        sb.append("Accept: application/json\r\n");
        headers.forEach((name, value) -> sb.append(name).append(": ").append(value).append("\r\n"));
        sb.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }
}
