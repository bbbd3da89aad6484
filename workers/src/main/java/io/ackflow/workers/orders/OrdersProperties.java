package io.ackflow.workers.orders;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ackflow.workers.orders.*}.
 *
 * @param broker which gateway places orders and how
 * @param quotes paper quotes by symbol, used for the notional check and the fill price of market orders that carry no
 *     price (default none: such orders are rejected with {@code no_price_for_notional})
 * @param notifyTelegram send an order notice to the account's Telegram chat when it has one (default true)
 */
@ConfigurationProperties("ackflow.workers.orders")
public record OrdersProperties(Broker broker, Map<String, BigDecimal> quotes, Boolean notifyTelegram) {

    public OrdersProperties {
        broker = broker == null ? new Broker(null, null, null, null, null, null) : broker;
        Map<String, BigDecimal> q = new TreeMap<>();
        if (quotes != null) {
            quotes.forEach((symbol, price) -> {
                if (price == null || price.signum() <= 0) {
                    throw new IllegalArgumentException(
                            "ackflow.workers.orders.quotes." + symbol + " must be a positive price, got " + price);
                }
                q.put(symbol.toUpperCase(Locale.ROOT), price);
            });
        }
        quotes = Map.copyOf(q);
        notifyTelegram = notifyTelegram == null || notifyTelegram;
    }

    public Optional<BigDecimal> quote(String symbol) {
        return Optional.ofNullable(symbol == null ? null : quotes.get(symbol.toUpperCase(Locale.ROOT)));
    }

    /**
     * @param kind {@code paper} (default: fills in process) or {@code http}
     * @param baseUrl the broker's order API, required when kind is {@code http}
     * @param timeout per HTTP request (default 2s, 50ms-30s)
     * @param maxAttempts POSTs per order before giving up for this delivery (default 3, 1-10)
     * @param retryBackoff wait before the second attempt, doubled each time (default 200ms, 0-5s)
     * @param maxRetryWait longest wait a {@code Retry-After} on a {@code 429} or {@code 503} may ask for before the next
     *     attempt in the same delivery (default 5s, 0-60s); asked to wait longer, the delivery gives up at once and the
     *     record is redelivered with the worker's backoff
     */
    public record Broker(String kind, URI baseUrl, Duration timeout, Integer maxAttempts, Duration retryBackoff,
            Duration maxRetryWait) {
        public static final String PAPER = "paper";
        public static final String HTTP = "http";

        public Broker {
            kind = kind == null ? PAPER : kind.trim().toLowerCase(Locale.ROOT);
            timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
            maxAttempts = maxAttempts == null ? 3 : maxAttempts;
            retryBackoff = retryBackoff == null ? Duration.ofMillis(200) : retryBackoff;
            maxRetryWait = maxRetryWait == null ? Duration.ofSeconds(5) : maxRetryWait;
            if (!kind.equals(PAPER) && !kind.equals(HTTP)) {
                throw new IllegalArgumentException(
                        "ackflow.workers.orders.broker.kind must be paper or http, got '" + kind + "'");
            }
            if (kind.equals(HTTP) && baseUrl == null) {
                throw new IllegalArgumentException(
                        "ackflow.workers.orders.broker.base-url is required when ackflow.workers.orders.broker.kind=http");
            }
            if (timeout.compareTo(Duration.ofMillis(50)) < 0 || timeout.compareTo(Duration.ofSeconds(30)) > 0) {
                throw new IllegalArgumentException(
                        "ackflow.workers.orders.broker.timeout must be between 50ms and 30s, got " + timeout);
            }
            if (maxAttempts < 1 || maxAttempts > 10) {
                throw new IllegalArgumentException(
                        "ackflow.workers.orders.broker.max-attempts must be between 1 and 10, got " + maxAttempts);
            }
            if (retryBackoff.isNegative() || retryBackoff.compareTo(Duration.ofSeconds(5)) > 0) {
                throw new IllegalArgumentException(
                        "ackflow.workers.orders.broker.retry-backoff must be between 0 and 5s, got " + retryBackoff);
            }
            if (maxRetryWait.isNegative() || maxRetryWait.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new IllegalArgumentException(
                        "ackflow.workers.orders.broker.max-retry-wait must be between 0 and 60s, got " + maxRetryWait);
            }
        }
    }
}
