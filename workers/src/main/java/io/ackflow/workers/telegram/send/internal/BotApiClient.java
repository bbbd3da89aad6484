package io.ackflow.workers.telegram.send.internal;

import io.ackflow.schema.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calls {@code <base-url>/bot<token>/<method>} with a JSON body, with connect and request timeouts, and classifies
 * the answer. Never throws for HTTP or network failures, and never puts the token in a result or exception.
 */
public final class BotApiClient implements AutoCloseable {
    private final HttpClient http;
    private final Duration requestTimeout;

    public BotApiClient(Duration connectTimeout, Duration requestTimeout) {
        AtomicInteger n = new AtomicInteger();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .executor(Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "ackflow-telegram-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }))
                .build();
        this.requestTimeout = requestTimeout;
    }

    public ApiResult call(BotEndpoint bot, String method, ObjectNode body) {
        HttpRequest request = HttpRequest.newBuilder(bot.url(method))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(body)))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return new ApiResult(ApiResult.Kind.TRANSIENT, 0, "no connection to " + bot.maskedUrl(method) + ": " + e, 0, null);
        } catch (HttpTimeoutException e) {
            return new ApiResult(ApiResult.Kind.UNCERTAIN, 0,
                    "no answer from " + bot.maskedUrl(method) + " within " + requestTimeout, 0, null);
        } catch (IOException e) {
            return new ApiResult(ApiResult.Kind.UNCERTAIN, 0,
                    "connection to " + bot.maskedUrl(method) + " failed after sending: " + BotEndpoint.mask(e.toString()), 0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ApiResult(ApiResult.Kind.UNCERTAIN, 0, "interrupted while calling " + bot.maskedUrl(method), 0, null);
        }
        return classify(response.statusCode(), response.body());
    }

    static ApiResult classify(int status, byte[] body) {
        JsonNode json = null;
        try {
            json = body == null || body.length == 0 ? null : Json.tree(body);
        } catch (RuntimeException notJson) {
            // a proxy's HTML error page: the status decides
        }
        String description = json == null ? "HTTP " + status : json.path("description").asString("HTTP " + status);
        int code = json != null && json.has("error_code") ? json.get("error_code").asInt() : status;
        if (status / 100 == 2 && json != null && json.path("ok").asBoolean(false)) {
            JsonNode id = json.path("result").path("message_id");
            return new ApiResult(ApiResult.Kind.OK, status, null, 0, id.isNumber() ? id.asLong() : null);
        }
        if (code == 429 || status == 429) {
            long retryAfter = json == null ? 1 : json.path("parameters").path("retry_after").asLong(1);
            return new ApiResult(ApiResult.Kind.RATE_LIMITED, status, BotEndpoint.mask(description), Math.max(1, retryAfter), null);
        }
        if (status >= 500 || code >= 500) {
            return new ApiResult(ApiResult.Kind.TRANSIENT, status, BotEndpoint.mask(description), 0, null);
        }
        return new ApiResult(ApiResult.Kind.REJECTED, status, BotEndpoint.mask(description), 0, null);
    }

    @Override
    public void close() {
        // HttpClient gained close() only in JDK 21; its daemon threads end with the process
    }
}
