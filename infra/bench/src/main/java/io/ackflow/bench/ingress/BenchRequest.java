package io.ackflow.bench.ingress;

import io.ackflow.bench.load.HttpRequests;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

/** One request, rendered as raw bytes for the load generator or as a JDK request for set-up and probes. */
record BenchRequest(String method, String path, Map<String, String> headers, byte[] body) {

    byte[] toBytes(String hostPort) {
        return HttpRequests.json(method, hostPort, path, headers, body);
    }

    HttpRequest toHttpRequest(URI base) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        headers.forEach(b::header);
        return b.build();
    }
}
