package io.ackflow.fakes.broker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ackflow.schema.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * A fake broker order API on {@code 127.0.0.1} and a random port, behaving like a real broker where it matters for
 * "never twice": it dedupes on {@code client_order_id}.
 *
 * <h2>API</h2>
 *
 * <ul>
 *   <li>{@code POST /v1/orders} with {@code {"client_order_id", "symbol", "side", "quantity", "order_type",
 *       "price"}}: places the order and answers {@code 201} with {@code {"id", "client_order_id", "status",
 *       "symbol", "side", "quantity", "filled_quantity", "fill_price"}}. Market orders fill at {@code price}, or at
 *       {@link #DEFAULT_QUOTE}; limit orders fill at their price. A second POST with a known {@code client_order_id}
 *       places nothing and answers {@code 200} with the existing order. A missing symbol or client order id, a side
 *       other than buy/sell, or a quantity that is not positive gets {@code 422 {"error": "..."}}.
 *   <li>{@code GET /v1/orders?client_order_id=X}: {@code 200} with the order, or {@code 404 {"error": "not_found"}}.
 * </ul>
 *
 * <h2>Faults (programmatic switches for tests)</h2>
 *
 * <ul>
 *   <li>{@link #setLatency(Duration)}: every answer waits this long first (slow broker);
 *   <li>{@link #failNext(int, int)}: the next {@code n} POSTs answer with the given {@code 5xx} and place nothing;
 *   <li>{@link #timeOutNext(int)}: the next {@code n} POSTs <em>place the order</em> and then never answer (until
 *       {@link #close()} or {@link #setHangLimit}), the classic uncertain outcome a client must resolve by lookup.
 * </ul>
 *
 * <p>{@link #orders()} lists the distinct orders placed; {@link #postsReceived()} counts every POST, duplicates
 * included.
 */
public final class FakeBrokerServer implements AutoCloseable {
    public static final BigDecimal DEFAULT_QUOTE = new BigDecimal("100");

    /** An order the fake placed. */
    public record PlacedOrder(String id, String clientOrderId, String symbol, String side, BigDecimal quantity,
            String orderType, BigDecimal price, BigDecimal fillPrice, Instant at) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-broker");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, PlacedOrder> byClientOrderId = new ConcurrentHashMap<>();
    private final List<PlacedOrder> placed = new CopyOnWriteArrayList<>();
    private final AtomicInteger posts = new AtomicInteger();
    private final AtomicInteger gets = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger failStatus = new AtomicInteger(503);
    private final AtomicInteger timeouts = new AtomicInteger();
    private final AtomicLong latencyMs = new AtomicLong();
    private final AtomicLong hangLimitMs = new AtomicLong(TimeUnit.MINUTES.toMillis(2));
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong ids = new AtomicLong();

    private FakeBrokerServer(HttpServer server) {
        this.server = server;
    }

    /** Starts a server on 127.0.0.1 and a free port. */
    public static FakeBrokerServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            FakeBrokerServer fake = new FakeBrokerServer(server);
            server.createContext("/v1/orders", fake::handle);
            server.setExecutor(fake.executor);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void setLatency(Duration latency) {
        latencyMs.set(latency.toMillis());
    }

    public void failNext(int count, int status) {
        failStatus.set(status);
        failures.set(count);
    }

    public void timeOutNext(int count) {
        timeouts.set(count);
    }

    /** How long a timed-out answer is held before the connection is closed (default 2 minutes). */
    public void setHangLimit(Duration limit) {
        hangLimitMs.set(limit.toMillis());
    }

    /** Clears orders, counters and fault switches. */
    public void reset() {
        byClientOrderId.clear();
        placed.clear();
        posts.set(0);
        gets.set(0);
        failures.set(0);
        timeouts.set(0);
        latencyMs.set(0);
    }

    public List<PlacedOrder> orders() {
        return List.copyOf(placed);
    }

    public List<PlacedOrder> ordersFor(String clientOrderId) {
        return placed.stream().filter(o -> o.clientOrderId().equals(clientOrderId)).toList();
    }

    public int postsReceived() {
        return posts.get();
    }

    public int lookupsReceived() {
        return gets.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long latency = latencyMs.get();
            if (latency > 0) {
                closing.await(latency, TimeUnit.MILLISECONDS);
            }
            switch (exchange.getRequestMethod()) {
                case "POST" -> post(exchange);
                case "GET" -> get(exchange);
                default -> respond(exchange, 405, Map.of("error", "method_not_allowed"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            respond(exchange, 500, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private void post(HttpExchange exchange) throws IOException, InterruptedException {
        posts.incrementAndGet();
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
        } catch (RuntimeException e) {
            respond(exchange, 400, Map.of("error", "invalid_json"));
            return;
        }
        if (failures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            respond(exchange, failStatus.get(), Map.of("error", "injected_failure"));
            return;
        }
        String clientOrderId = text(body, "client_order_id");
        String symbol = text(body, "symbol");
        String side = text(body, "side");
        BigDecimal quantity = body.path("quantity").isNumber() ? body.path("quantity").decimalValue() : null;
        if (clientOrderId == null || symbol == null || quantity == null || quantity.signum() <= 0
                || !("buy".equals(side) || "sell".equals(side))) {
            respond(exchange, 422, Map.of("error", "invalid_order"));
            return;
        }
        boolean[] created = {false};
        PlacedOrder order = byClientOrderId.computeIfAbsent(clientOrderId, id -> {
            created[0] = true;
            String type = text(body, "order_type") == null ? "market" : text(body, "order_type");
            BigDecimal price = body.path("price").isNumber() ? body.path("price").decimalValue() : null;
            PlacedOrder o = new PlacedOrder("fb-" + ids.incrementAndGet(), id, symbol, side, quantity, type, price,
                    price != null ? price : DEFAULT_QUOTE, Instant.now());
            placed.add(o);
            return o;
        });
        if (timeouts.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            closing.await(hangLimitMs.get(), TimeUnit.MILLISECONDS);
            return;
        }
        respond(exchange, created[0] ? 201 : 200, view(order));
    }

    private void get(HttpExchange exchange) throws IOException {
        gets.incrementAndGet();
        String clientOrderId = query(exchange.getRequestURI()).get("client_order_id");
        PlacedOrder order = clientOrderId == null ? null : byClientOrderId.get(clientOrderId);
        if (order == null) {
            respond(exchange, 404, Map.of("error", "not_found"));
        } else {
            respond(exchange, 200, view(order));
        }
    }

    private static Map<String, Object> view(PlacedOrder o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("client_order_id", o.clientOrderId());
        m.put("status", "filled");
        m.put("symbol", o.symbol());
        m.put("side", o.side());
        m.put("quantity", o.quantity());
        m.put("filled_quantity", o.quantity());
        m.put("fill_price", o.fillPrice());
        return m;
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.write(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = uri.getRawQuery();
        if (q == null) {
            return out;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    /** For debugging: what was placed, oldest first. */
    @Override
    public String toString() {
        List<String> ids = new ArrayList<>();
        placed.forEach(o -> ids.add(o.clientOrderId()));
        return "FakeBrokerServer" + baseUrl() + ids;
    }
}
