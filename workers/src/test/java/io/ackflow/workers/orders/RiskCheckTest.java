package io.ackflow.workers.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ackflow.schema.event.AccountDefined;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskCheckTest {
    static final Instant T = Instant.parse("2030-01-01T10:00:00Z");
    static final AccountDefined ACCOUNT = new AccountDefined("acct", List.of("AAPL", "MSFT"), new BigDecimal("100"),
            new BigDecimal("1000"), 2, null);
    final OrdersProperties props = new OrdersProperties(null, Map.of("msft", new BigDecimal("5")), null);
    final OrderRateWindow window = new OrderRateWindow();
    final RiskCheck risk = new RiskCheck(props, window);

    static Order order(String symbol, String qty, String price, Instant at) {
        return new Order("o", "acct", "s", symbol, "buy", new BigDecimal(qty), price == null ? null : new BigDecimal(price),
                "market", at);
    }

    @Test
    void eachRuleRejectsWithItsReason() {
        assertThat(risk.check(order("AAPL", "10", "10", T), ACCOUNT)).isEmpty();
        assertThat(risk.check(order("TSLA", "1", "1", T), ACCOUNT)).contains("symbol_not_allowed");
        assertThat(risk.check(order("AAPL", "101", "1", T), ACCOUNT)).contains("max_quantity_exceeded");
        assertThat(risk.check(order("AAPL", "100", "10.01", T), ACCOUNT)).contains("max_notional_exceeded");
        assertThat(risk.check(order("AAPL", "1", null, T), ACCOUNT)).contains("no_price_for_notional");
        assertThat(risk.check(order("MSFT", "1", null, T), ACCOUNT)).isEmpty();
        assertThat(risk.check(order("AAPL", "0", "1", T), ACCOUNT)).contains("invalid_signal");
    }

    @Test
    void ordersPerMinuteSlideWithIngressTime() {
        window.record("acct", T);
        window.record("acct", T.plusSeconds(30));
        assertThat(risk.check(order("AAPL", "1", "1", T.plusSeconds(59)), ACCOUNT))
                .contains("max_orders_per_minute_exceeded");
        assertThat(risk.check(order("AAPL", "1", "1", T.plusSeconds(60)), ACCOUNT)).isEmpty();
        window.clear();
        assertThat(risk.check(order("AAPL", "1", "1", T.plusSeconds(59)), ACCOUNT)).isEmpty();
    }

    @Test
    void badBrokerSettingsNameTheirKey() {
        assertThatThrownBy(() -> new OrdersProperties.Broker("http", null, null, null, null, null))
                .hasMessageContaining("ackflow.workers.orders.broker.base-url");
        assertThatThrownBy(() -> new OrdersProperties.Broker("ib", null, null, null, null, null))
                .hasMessageContaining("ackflow.workers.orders.broker.kind");
    }
}
