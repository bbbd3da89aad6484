package io.ackflow.ingress.webhook;

import io.ackflow.ingress.http.JsonFields;
import io.ackflow.schema.event.TradingSignal;
import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and validates a trading signal body: symbol, side, quantity, optional price, order type. */
final class TradingSignals {
    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9._:/-]{1,32}");
    static final int SCALE = 8;

    private TradingSignals() {}

    /** The signal, or null with the errors recorded in {@code f}. */
    static TradingSignal read(JsonFields f) {
        String symbol = f.text("symbol", 32, true);
        if (symbol != null && !SYMBOL.matcher(symbol).matches()) {
            f.reject("symbol", "must match [A-Za-z0-9._:/-]{1,32}");
        }
        String side = f.oneOf("side", Set.of("buy", "sell"), true);
        BigDecimal quantity = f.positiveDecimal("quantity", SCALE, true);
        BigDecimal price = f.positiveDecimal("price", SCALE, false);
        String orderType = f.oneOf("order_type", Set.of("market", "limit"), false);
        if (orderType == null && !f.hasErrors()) {
            orderType = "market";
        }
        if ("limit".equals(orderType) && price == null && f.node().get("price") == null) {
            f.reject("price", "is required for a limit order");
        }
        return f.hasErrors() ? null : new TradingSignal(symbol, side, quantity, price, orderType);
    }
}
