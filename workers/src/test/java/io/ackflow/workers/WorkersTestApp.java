package io.ackflow.workers;

import io.ackflow.fakes.broker.FakeBrokerServer;
import io.ackflow.workers.orders.BrokerGateway;
import io.ackflow.workers.orders.BrokerResult;
import io.ackflow.workers.orders.HttpBrokerGateway;
import io.ackflow.workers.orders.Order;
import io.ackflow.workers.orders.OrdersProperties;
import io.ackflow.workers.orders.PaperBrokerGateway;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The workers role alone, for integration tests. One context serves every IT. Orders of accounts whose id starts with
 * {@code http-} go through the real {@link HttpBrokerGateway} to a {@link FakeBrokerServer}; the others through the
 * {@link PaperBrokerGateway}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class WorkersTestApp {
    public static final FakeBrokerServer BROKER = FakeBrokerServer.start();

    /** Routes by account and counts gateway submits per order, to prove "never twice" at the gateway. */
    public static final class RoutingGateway implements BrokerGateway {
        public final PaperBrokerGateway paper;
        public final HttpBrokerGateway http;
        private final ConcurrentHashMap<String, AtomicInteger> submits = new ConcurrentHashMap<>();

        RoutingGateway(OrdersProperties props) {
            this.paper = new PaperBrokerGateway(props);
            this.http = new HttpBrokerGateway(
                    new OrdersProperties.Broker("http", BROKER.baseUrl(), Duration.ofMillis(400), 3, Duration.ofMillis(50), null));
        }

        private BrokerGateway route(String accountId) {
            return accountId.startsWith("http-") ? http : paper;
        }

        @Override
        public BrokerResult submit(Order order) {
            submits.computeIfAbsent(order.orderId(), k -> new AtomicInteger()).incrementAndGet();
            return route(order.accountId()).submit(order);
        }

        @Override
        public Optional<BrokerResult> lookup(String clientOrderId) {
            throw new UnsupportedOperationException("resume is routed by order");
        }

        @Override
        public BrokerResult resume(Order order) {
            return route(order.accountId()).resume(order);
        }

        public int submitsOf(String orderId) {
            AtomicInteger n = submits.get(orderId);
            return n == null ? 0 : n.get();
        }
    }

    @Bean
    @Primary
    RoutingGateway routingGateway(OrdersProperties props) {
        return new RoutingGateway(props);
    }
}
