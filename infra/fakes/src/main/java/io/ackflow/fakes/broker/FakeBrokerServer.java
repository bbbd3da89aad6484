package io.ackflow.fakes.broker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ackflow.fakes.TimedFaults;
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
import java.util.function.LongSupplier;
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
 *       {@link #close()} or {@link #setHangLimit}), the classic uncertain outcome a client must resolve by lookup;
 *   <li>a bad spell that ends by itself: every request (POST and lookup) slow ({@link #slowFor}), answered with a
 *       {@code 5xx} ({@link #failFor}), or with {@code 429}, a {@code Retry-After} header and
 *       {@code {"error": "rate_limited", "retry_after": N}} ({@link #rateLimitFor}); none of them places anything.
 * </ul>
 *
 * <p>{@link #orders()} lists the distinct orders placed; {@link #postsReceived()} counts every POST, duplicates
 * included; {@link #submissions()} is the log of every POST with the status it was answered.
 */
public final class FakeBrokerServer implements AutoCloseable {
    public static final BigDecimal DEFAULT_QUOTE = new BigDecimal("100");

    /** An order the fake placed. */
    public record PlacedOrder(String id, String clientOrderId, String symbol, String side, BigDecimal quantity,
            String orderType, BigDecimal price, BigDecimal fillPrice, Instant at) {}

    /**
     * One POST received and how it was answered: {@link #CREATED} placed an order, {@link #EXISTING} found one
     * already placed for its {@code client_order_id} (a resubmission the fake deduped), {@link #HUNG} placed it and
     * never answered; anything else ({@code 4xx}, {@code 429}, {@code 5xx}) placed nothing.
     *
     * @param clientOrderId null when the body had none
     */
    public record Submission(String clientOrderId, int status, Instant at) {
        public static final int CREATED = 201;
        public static final int EXISTING = 200;
        public static final int HUNG = 0;
    }

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
    private final List<Submission> submissions = new CopyOnWriteArrayList<>();
    private final TimedFaults timed;

    private FakeBrokerServer(HttpServer server, LongSupplier nanoClock) {
        this.server = server;
        this.timed = new TimedFaults(nanoClock);
    }

    /** Starts a server on 127.0.0.1 and a free port. */
    public static FakeBrokerServer start() {
        return start(System::nanoTime);
    }

    /** Starts on 127.0.0.1 and a free port; the windows of {@link #failFor} and the like run on {@code nanoClock}. */
    public static FakeBrokerServer start(LongSupplier nanoClock) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            FakeBrokerServer fake = new FakeBrokerServer(server, nanoClock);
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

    /** Every request is answered {@code status} (a 5xx) for {@code duration}, placing nothing; then it recovers. */
    public void failFor(Duration duration, int status) {
        timed.fail(status, duration);
    }

    /** Every request is answered {@code 429} with {@code Retry-After: retryAfterSeconds} for {@code duration}. */
    public void rateLimitFor(Duration duration, int retryAfterSeconds) {
        timed.rateLimit(retryAfterSeconds, duration);
    }

    /** Every request takes {@code extra} longer to answer for {@code duration}, then the fake is fast again. */
    public void slowFor(Duration duration, Duration extra) {
        timed.slow(extra, duration);
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
        submissions.clear();
        timed.clear();
    }

    /** Every POST received, oldest first, with the status it was answered. */
    public List<Submission> submissions() {
        return List.copyOf(submissions);
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
            long latency = latencyMs.get() + timed.latency().toMillis();
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
            submitted(null, 400);
            respond(exchange, 400, Map.of("error", "invalid_json"));
            return;
        }
        String clientOrderId = text(body, "client_order_id");
        if (timedFailure(exchange, clientOrderId)) {
            return;
        }
        if (failures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            submitted(clientOrderId, failStatus.get());
            respond(exchange, failStatus.get(), Map.of("error", "injected_failure"));
            return;
        }
        String symbol = text(body, "symbol");
        String side = text(body, "side");
        BigDecimal quantity = body.path("quantity").isNumber() ? body.path("quantity").decimalValue() : null;
        if (clientOrderId == null || symbol == null || quantity == null || quantity.signum() <= 0
                || !("buy".equals(side) || "sell".equals(side))) {
            submitted(clientOrderId, 422);
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
            submitted(clientOrderId, Submission.HUNG);
            closing.await(hangLimitMs.get(), TimeUnit.MILLISECONDS);
            return;
        }
        int status = created[0] ? Submission.CREATED : Submission.EXISTING;
        submitted(clientOrderId, status);
        respond(exchange, status, view(order));
    }

    private void submitted(String clientOrderId, int status) {
        submissions.add(new Submission(clientOrderId, status, Instant.now()));
    }

    /** Answers with the open failure window, if any (and logs a POST's answer); true when it answered. */
    private boolean timedFailure(HttpExchange exchange, String clientOrderId) throws IOException {
        java.util.Optional<TimedFaults.Failure> spell = timed.failure();
        if (spell.isEmpty()) {
            return false;
        }
        TimedFaults.Failure f = spell.get();
        if ("POST".equals(exchange.getRequestMethod())) {
            submitted(clientOrderId, f.status());
        }
        if (f.status() == 429) {
            exchange.getResponseHeaders().set("Retry-After", Integer.toString(f.retryAfterSeconds()));
            respond(exchange, 429, Map.of("error", "rate_limited", "retry_after", f.retryAfterSeconds()));
        } else {
            respond(exchange, f.status(), Map.of("error", "unavailable"));
        }
        return true;
    }

    private void get(HttpExchange exchange) throws IOException {
        gets.incrementAndGet();
        if (timedFailure(exchange, null)) {
            return;
        }
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
