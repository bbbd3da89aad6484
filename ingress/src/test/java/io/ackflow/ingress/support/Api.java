package io.ackflow.ingress.support;

import io.ackflow.schema.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A small HTTP client for the ingress endpoints under test. */
public final class Api {
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    public static final String CLIENT_KEY = "test-client-key-0123456789";
    public static final String OTHER_CLIENT_KEY = "test-other-key-0123456789";
    public static final String ADMIN = "Bearer " + ADMIN_TOKEN;
    public static final String CLIENT = "Bearer " + CLIENT_KEY;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    public Api(int port) {
        this.port = port;
    }

    public static String randomId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    public Call call(String method, String path) {
        return new Call(method, path);
    }

    public Call put(String path, String body) {
        return call("PUT", path).auth(ADMIN).json(body);
    }

    public Call post(String path, String body) {
        return call("POST", path).auth(CLIENT).json(body);
    }

    /** One request being built. */
    public final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final java.util.List<String[]> extra = new java.util.ArrayList<>();
        private byte[] body = new byte[0];

        /** Adds a header line even when one of that name is already set (duplicated headers). */
        public Call addHeader(String name, String value) {
            extra.add(new String[] {name, value});
            return this;
        }

        Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public String method() {
            return method;
        }

        public String path() {
            return path;
        }

        public Call auth(String authorization) {
            return header("Authorization", authorization);
        }

        public Call noAuth() {
            headers.remove("Authorization");
            return this;
        }

        public Call header(String name, String value) {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
            return this;
        }

        public Call json(String json) {
            return body(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");
        }

        public Call body(byte[] bytes, String contentType) {
            this.body = bytes;
            return header("Content-Type", contentType);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(method + " " + path + " headers=");
            headers.forEach((k, v) -> b.append(k).append('(').append(v.length()).append(") "));
            extra.forEach(h -> b.append('+').append(h[0]).append(' '));
            return b.append("body=").append(body.length).append('B').toString();
        }

        public Reply send() {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(20))
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(b::header);
            extra.forEach(h -> b.header(h[0], h[1]));
            try {
                HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                        r.headers().map(), r.body());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(method + " " + path, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** An HTTP answer. */
    public record Reply(int status, String contentType, Map<String, java.util.List<String>> headers, byte[] body) {
        public JsonNode json() {
            return Json.tree(body);
        }

        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + text();
        }
    }
}
