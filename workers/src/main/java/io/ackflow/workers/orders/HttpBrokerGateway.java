package io.ackflow.workers.orders;

import io.ackflow.schema.Json;
import io.ackflow.schema.event.OrderEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Places orders over HTTP: {@code POST <base-url>/v1/orders} with {@code client_order_id} = order id (the broker
 * dedupes on it), and {@code GET <base-url>/v1/orders?client_order_id=} to look one up.
 *
 * <p>Each request has a timeout. After an uncertain outcome (timeout, connection error, {@code 5xx} or {@code 429}) it
 * first looks the order up, and only POSTs again when the broker does not have it; at most {@code max-attempts} POSTs
 * per call, with doubling backoff, or after the {@code Retry-After} of a {@code 429} or {@code 503} when that is longer
 * (up to {@code max-retry-wait}; a longer one ends the call at once). A {@code 4xx} answer is a rejection. When every
 * attempt is uncertain it throws {@link BrokerUnavailableException}.
 */
public class HttpBrokerGateway implements BrokerGateway {
    private static final Logger log = LoggerFactory.getLogger(HttpBrokerGateway.class);

    private final HttpClient client;
    private final URI ordersUri;
    private final OrdersProperties.Broker props;

    public HttpBrokerGateway(OrdersProperties.Broker props) {
        this.props = props;
        String base = props.baseUrl().toString();
        this.ordersUri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/orders");
        this.client = HttpClient.newBuilder().connectTimeout(props.timeout()).build();
    }

    @Override
    public BrokerResult submit(Order order) {
        Exception last = null;
        long askedWaitMillis = 0; // what the broker's last Retry-After asked for
        for (int attempt = 1; attempt <= props.maxAttempts(); attempt++) {
            if (attempt > 1) {
                Optional<BrokerResult> known = lookupQuietly(order.orderId());
                if (known.isPresent()) {
                    return known.get();
                }
                pause(Math.max(props.retryBackoff().toMillis() << (attempt - 2), askedWaitMillis));
            }
            try {
                HttpResponse<String> response = client.send(postRequest(order), HttpResponse.BodyHandlers.ofString());
                int code = response.statusCode();
                if (code >= 200 && code < 300) {
                    return parse(Json.MAPPER.readTree(response.body()));
                }
                if (code >= 400 && code < 500 && code != 429 && code != 408) {
                    return BrokerResult.rejected(rejectionReason(code, response.body()));
                }
                askedWaitMillis = retryAfterMillis(response);
                if (askedWaitMillis > props.maxRetryWait().toMillis()) {
                    // posting again sooner than asked would only be refused again: leave it to the redelivery backoff
                    throw new BrokerUnavailableException("broker at " + ordersUri + " answered " + code + " for order "
                            + order.orderId() + " with Retry-After " + askedWaitMillis / 1000
                            + "s, longer than ackflow.workers.orders.broker.max-retry-wait (" + props.maxRetryWait()
                            + ")", null);
                }
                last = new IOException("broker answered " + code);
            } catch (IOException e) {
                last = e;
                askedWaitMillis = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrokerUnavailableException("interrupted while placing order " + order.orderId(), e);
            }
            log.debug("Order {}: attempt {} uncertain: {}", order.orderId(), attempt, last.toString());
        }
        Optional<BrokerResult> known = lookupQuietly(order.orderId());
        if (known.isPresent()) {
            return known.get();
        }
        throw new BrokerUnavailableException("broker at " + ordersUri + " gave no answer for order " + order.orderId()
                + " after " + props.maxAttempts() + " attempts", last);
    }

    /**
     * A {@code 429}'s or {@code 503}'s {@code Retry-After} in milliseconds (RFC 9110: delay-seconds; an HTTP-date is
     * not used by order APIs we know and counts as absent), or 0.
     */
    static long retryAfterMillis(HttpResponse<?> response) {
        int code = response.statusCode();
        if (code != 429 && code != 503) {
            return 0;
        }
        return response.headers().firstValue("Retry-After").map(String::trim).filter(v -> v.matches("\\d{1,6}"))
                .map(v -> Long.parseLong(v) * 1000).orElse(0L);
    }

    @Override
    public Optional<BrokerResult> lookup(String clientOrderId) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(ordersUri + "?client_order_id="
                            + URLEncoder.encode(clientOrderId, StandardCharsets.UTF_8)))
                    .timeout(props.timeout())
                    .GET()
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new BrokerUnavailableException("order lookup answered " + response.statusCode(), null);
            }
            return Optional.of(parse(Json.MAPPER.readTree(response.body())));
        } catch (IOException e) {
            throw new BrokerUnavailableException("order lookup failed for " + clientOrderId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted while looking up " + clientOrderId, e);
        }
    }

    private Optional<BrokerResult> lookupQuietly(String clientOrderId) {
        try {
            return lookup(clientOrderId);
        } catch (BrokerUnavailableException e) {
            // unknown: a new POST is still safe, the broker dedupes on client_order_id
            return Optional.empty();
        }
    }

    private HttpRequest postRequest(Order order) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_order_id", order.orderId());
        body.put("symbol", order.symbol());
        body.put("side", order.side());
        body.put("quantity", order.quantity());
        body.put("order_type", order.orderType() == null ? "market" : order.orderType());
        if (order.price() != null) {
            body.put("price", order.price());
        }
        return HttpRequest.newBuilder(ordersUri)
                .timeout(props.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(body)))
                .build();
    }

    static BrokerResult parse(JsonNode node) {
        String status = node.path("status").asString("").toLowerCase(Locale.ROOT);
        OrderEvent.Status s = switch (status) {
            case "filled" -> OrderEvent.Status.filled;
            case "rejected" -> OrderEvent.Status.rejected;
            case "failed", "canceled", "cancelled", "expired" -> OrderEvent.Status.failed;
            default -> OrderEvent.Status.submitted;
        };
        return new BrokerResult(s, text(node, "id"), decimal(node, "filled_quantity"), decimal(node, "fill_price"),
                text(node, "reason"));
    }

    private static String rejectionReason(int code, String body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            String reason = text(node, "error");
            return reason != null ? reason : "http_" + code;
        } catch (RuntimeException e) {
            return "http_" + code;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.decimalValue();
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted during retry backoff", e);
        }
    }
}
