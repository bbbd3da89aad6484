package io.ackflow.workers.orders;

import io.ackflow.schema.event.OrderEvent;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The default gateway: fills every order at once, at the signal's price (the limit price for limit orders) or else the
 * configured quote, and records the fill in memory. With neither price nor quote it rejects ({@code no_price}).
 */
public class PaperBrokerGateway implements BrokerGateway {

    /** A fill this gateway made. */
    public record Fill(String clientOrderId, String brokerOrderId, String symbol, String side, BigDecimal quantity,
            BigDecimal price) {}

    private final OrdersProperties props;
    private final Map<String, BrokerResult> byClientOrderId = new ConcurrentHashMap<>();
    private final List<Fill> fills = new CopyOnWriteArrayList<>();

    public PaperBrokerGateway(OrdersProperties props) {
        this.props = props;
    }

    @Override
    public BrokerResult submit(Order order) {
        return byClientOrderId.computeIfAbsent(order.orderId(), id -> fill(order));
    }

    private BrokerResult fill(Order order) {
        BigDecimal price = order.price() != null ? order.price() : props.quote(order.symbol()).orElse(null);
        if (price == null) {
            return BrokerResult.rejected("no_price");
        }
        String brokerOrderId = "paper-" + order.orderId();
        fills.add(new Fill(order.orderId(), brokerOrderId, order.symbol(), order.side(), order.quantity(), price));
        return new BrokerResult(OrderEvent.Status.filled, brokerOrderId, order.quantity(), price, null);
    }

    @Override
    public Optional<BrokerResult> lookup(String clientOrderId) {
        return Optional.ofNullable(byClientOrderId.get(clientOrderId));
    }

    /** Every fill since start, oldest first. */
    public List<Fill> fills() {
        return List.copyOf(fills);
    }
}
