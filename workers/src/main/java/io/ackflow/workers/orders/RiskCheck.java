package io.ackflow.workers.orders;

import io.ackflow.schema.event.AccountDefined;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The account's risk rules, in order: a valid signal, allowed symbols (none listed: any), maximum quantity, maximum
 * notional (quantity x price; a market order without a price uses the configured quote, or is rejected), maximum
 * orders per minute. {@link #check} returns the first rule broken, or empty.
 */
public class RiskCheck {
    public static final String UNKNOWN_ACCOUNT = "unknown_account";
    public static final String INVALID_SIGNAL = "invalid_signal";
    public static final String SYMBOL_NOT_ALLOWED = "symbol_not_allowed";
    public static final String MAX_QUANTITY_EXCEEDED = "max_quantity_exceeded";
    public static final String NO_PRICE_FOR_NOTIONAL = "no_price_for_notional";
    public static final String MAX_NOTIONAL_EXCEEDED = "max_notional_exceeded";
    public static final String MAX_ORDERS_PER_MINUTE_EXCEEDED = "max_orders_per_minute_exceeded";

    private static final Set<String> SIDES = Set.of("buy", "sell");

    private final OrdersProperties props;
    private final OrderRateWindow window;

    public RiskCheck(OrdersProperties props, OrderRateWindow window) {
        this.props = props;
        this.window = window;
    }

    public Optional<String> check(Order order, AccountDefined account) {
        if (order.symbol() == null || order.symbol().isBlank() || order.side() == null
                || !SIDES.contains(order.side().toLowerCase(Locale.ROOT)) || order.quantity() == null
                || order.quantity().signum() <= 0 || (order.price() != null && order.price().signum() <= 0)) {
            return Optional.of(INVALID_SIGNAL);
        }
        if (account.allowedSymbols() != null && !account.allowedSymbols().isEmpty()
                && account.allowedSymbols().stream().noneMatch(s -> s.equalsIgnoreCase(order.symbol()))) {
            return Optional.of(SYMBOL_NOT_ALLOWED);
        }
        if (account.maxQuantity() != null && order.quantity().compareTo(account.maxQuantity()) > 0) {
            return Optional.of(MAX_QUANTITY_EXCEEDED);
        }
        if (account.maxNotional() != null) {
            Optional<BigDecimal> price = Optional.ofNullable(order.price()).or(() -> props.quote(order.symbol()));
            if (price.isEmpty()) {
                return Optional.of(NO_PRICE_FOR_NOTIONAL);
            }
            if (order.quantity().multiply(price.get()).compareTo(account.maxNotional()) > 0) {
                return Optional.of(MAX_NOTIONAL_EXCEEDED);
            }
        }
        if (account.maxOrdersPerMinute() != null
                && !window.allows(order.accountId(), account.maxOrdersPerMinute(), order.receivedAt())) {
            return Optional.of(MAX_ORDERS_PER_MINUTE_EXCEEDED);
        }
        return Optional.empty();
    }
}
