package io.ackflow.app.bench;

import io.ackflow.schema.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;

/** One JDK {@link HttpClient} (HTTP/1.1, a bounded executor) for set-up calls, checks and load. */
final class Http implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Target target;
    private final ExecutorService executor;
    private final HttpClient client;

    Http(Target target) {
        this.target = target;
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "bench-http");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
    }

    Target target() {
        return target;
    }

    HttpClient client() {
        return client;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(target.resolve(path)).timeout(TIMEOUT);
    }

    HttpRequest json(String method, String path, String bearer, Object body) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        String text = body == null ? null : body instanceof String s ? s : Json.MAPPER.writeValueAsString(body);
        return b.method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(text))
                .build();
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** An admin {@code PUT} that must answer 200. */
    void put(String path, Map<String, ?> body) {
        HttpResponse<String> r = send(json("PUT", path, target.adminToken(), body));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("PUT " + path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** A client {@code GET}; {@code null} on 404. */
    JsonNode get(String path) {
        HttpResponse<String> r = send(json("GET", path, target.apiKey(), null));
        if (r.statusCode() == 404) {
            return null;
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return Json.MAPPER.readTree(r.body());
    }

    String getText(String path) {
        HttpResponse<String> r = send(request(path).GET().build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode());
        }
        return r.body();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
