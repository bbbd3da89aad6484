package io.ackflow.app.chaos;

import io.ackflow.app.process.Pause;
import io.ackflow.schema.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntPredicate;

/** The admin side of ingress as a run needs it: definitions ({@code PUT}), retried until acknowledged. */
final class AdminApi {
    private static final Duration RETRY_FOR = Duration.ofMinutes(1);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** {@code PUT path} with the admin token on {@code ingress} until it answers 200; fails after a minute. */
    void put(RoleProcess ingress, String path, Object body) {
        byte[] json = Json.write(body);
        awaitStatus(ingress, "PUT " + path, () -> HttpRequest.newBuilder(URI.create(ingress.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + Topology.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(json)).build(), s -> s == 200);
    }

    /**
     * Sends a request with {@code headers} and an empty JSON object until {@code ok} accepts the status: how a run
     * learns that an ingress process knows a source or a bot (a refused request is never published).
     */
    void awaitStatus(RoleProcess ingress, String path, Map<String, String> headers, IntPredicate ok) {
        awaitStatus(ingress, "POST " + path, () -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ingress.baseUrl() + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8));
            headers.forEach(b::header);
            return b.build();
        }, ok);
    }

    private void awaitStatus(RoleProcess ingress, String what, java.util.function.Supplier<HttpRequest> request,
            IntPredicate ok) {
        long deadline = System.nanoTime() + RETRY_FOR.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = status(request.get());
            if (ok.test(last)) {
                return;
            }
            Pause.of(Duration.ofMillis(300));
        }
        throw new IllegalStateException(what + " on " + ingress.name() + " still answered " + last + " after "
                + RETRY_FOR.toSeconds() + " s");
    }

    private int status(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
