package io.ackflow.workers.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ackflow.fakes.broker.FakeBrokerServer;
import io.ackflow.schema.event.OrderEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The order gateway client against the fake broker's rate limit: it waits as long as {@code Retry-After} asks. */
class HttpBrokerGatewayRetryAfterTest {
    private final FakeBrokerServer broker = FakeBrokerServer.start();

    @AfterEach
    void stop() {
        broker.close();
    }

    private HttpBrokerGateway gateway(Duration maxRetryWait) {
        return new HttpBrokerGateway(new OrdersProperties.Broker("http", broker.baseUrl(), Duration.ofSeconds(2), 3,
                Duration.ofMillis(50), maxRetryWait));
    }

    private static Order order(String id) {
        return new Order(id, "acct", "src", "AAPL", "buy", BigDecimal.ONE, null, "market", Instant.now());
    }

    @Test
    void aRateLimitSpellShorterThanItsRetryAfterIsWaitedOutWithOneMorePost() {
        broker.rateLimitFor(Duration.ofMillis(1500), 2);
        long started = System.nanoTime();

        BrokerResult result = gateway(Duration.ofSeconds(5)).submit(order("o-wait"));

        assertThat(result.status()).isEqualTo(OrderEvent.Status.filled);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        // the refused POST, then one after the asked-for 2 s (with 50 ms backoff alone, all three would be refused)
        assertThat(broker.postsReceived()).isEqualTo(2);
        assertThat(broker.ordersFor("o-wait")).hasSize(1);
    }

    @Test
    void aRetryAfterLongerThanTheMaximumEndsTheDeliveryAtOnceForTheRedeliveryBackoff() {
        broker.rateLimitFor(Duration.ofSeconds(30), 30);
        long started = System.nanoTime();

        assertThatThrownBy(() -> gateway(Duration.ofSeconds(5)).submit(order("o-later")))
                .isInstanceOf(BrokerUnavailableException.class)
                .hasMessageContaining("Retry-After 30s")
                .hasMessageContaining("max-retry-wait");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(broker.postsReceived()).isEqualTo(1);
        assertThat(broker.ordersFor("o-later")).isEmpty();
    }
}
