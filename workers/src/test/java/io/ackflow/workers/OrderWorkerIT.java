package io.ackflow.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Json;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.AccountDefined;
import io.ackflow.schema.event.EventOutcome;
import io.ackflow.schema.event.OrderEvent;
import io.ackflow.schema.event.TelegramSend;
import io.ackflow.schema.event.TradingSignal;
import io.ackflow.schema.event.WebhookReceived;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class OrderWorkerIT extends WorkersITBase {

    @Autowired
    WorkersTestApp.RoutingGateway gateway;

    @Autowired
    JdbcTemplate jdbc;

    static void account(String accountId, Integer maxPerMinute, Long chatId) {
        define(Topics.ACCOUNTS, accountId, new AccountDefined(accountId, List.of("AAPL", "MSFT"),
                new BigDecimal("100"), new BigDecimal("10000"), maxPerMinute,
                chatId == null ? null : new AccountDefined.TelegramTarget("bot-1", chatId)));
    }

    static String signal(String accountId, TradingSignal signal) {
        String eventId = newEventId();
        signal(eventId, accountId, signal);
        return eventId;
    }

    static void signal(String eventId, String accountId, TradingSignal signal) {
        WebhookReceived w = new WebhookReceived(eventId, "src-1", "trading", accountId, "delivery-" + eventId,
                Instant.now(), Json.MAPPER.valueToTree(signal));
        send(Topics.WEBHOOKS_RECEIVED, accountId, w, EventTypes.WEBHOOK_RECEIVED, eventId);
    }

    static TradingSignal buy(String symbol, String qty, String price) {
        return new TradingSignal(symbol, "buy", new BigDecimal(qty), price == null ? null : new BigDecimal(price),
                "market");
    }

    static List<OrderEvent> events(String orderId) {
        return tap.values(Topics.ORDER_EVENTS, OrderEvent.class, e -> orderId.equals(e.orderId()));
    }

    @Test
    void acceptedOrderIsCreatedSubmittedAndFilledByThePaperBroker() {
        String account = id("acct");
        long chat = System.nanoTime();
        account(account, 60, chat);
        String orderId = signal(account, buy("AAPL", "10", "187.20"));

        EventOutcome o = outcome(orderId);
        assertThat(o.status()).isEqualTo(EventOutcome.Status.accepted);
        assertThat(o.refs()).containsEntry("order_id", orderId).containsEntry("order_status", "filled");
        assertThat(events(orderId)).extracting(OrderEvent::status)
                .containsExactly(OrderEvent.Status.created, OrderEvent.Status.submitted, OrderEvent.Status.filled);
        assertThat(events(orderId).get(2).fillPrice()).isEqualByComparingTo("187.20");
        assertThat(gateway.paper.fills()).filteredOn(f -> f.clientOrderId().equals(orderId)).hasSize(1);
        List<TelegramSend> notices = await().atMost(WAIT).until(() -> tap.values(Topics.TELEGRAM_OUTBOUND,
                TelegramSend.class, s -> s.messageId().equals("order:" + orderId + ":filled")), l -> !l.isEmpty());
        assertThat(notices.get(0).chatId()).isEqualTo(chat);
        assertThat(notices.get(0).kind()).isEqualTo("order-notice");
    }

    @Test
    void eachRiskRuleRejectsWithItsReason() {
        String account = id("acct");
        account(account, 2, null);
        String symbol = signal(account, buy("TSLA", "1", "10"));
        String quantity = signal(account, buy("AAPL", "101", "10"));
        String notional = signal(account, buy("AAPL", "100", "101"));
        String noPrice = signal(account, buy("AAPL", "1", null));
        String quoted = signal(account, buy("MSFT", "1", null)); // uses the configured quote: accepted
        String second = signal(account, buy("AAPL", "1", "1"));
        String third = signal(account, buy("AAPL", "1", "1")); // over 2 per minute
        String unknown = signal(id("nobody"), buy("AAPL", "1", "1"));

        assertThat(outcome(symbol).reason()).isEqualTo("symbol_not_allowed");
        assertThat(outcome(quantity).reason()).isEqualTo("max_quantity_exceeded");
        assertThat(outcome(notional).reason()).isEqualTo("max_notional_exceeded");
        assertThat(outcome(noPrice).reason()).isEqualTo("no_price_for_notional");
        assertThat(outcome(quoted).status()).isEqualTo(EventOutcome.Status.accepted);
        assertThat(outcome(second).status()).isEqualTo(EventOutcome.Status.accepted);
        assertThat(outcome(third).reason()).isEqualTo("max_orders_per_minute_exceeded");
        assertThat(outcome(unknown).reason()).isEqualTo("unknown_account");
        for (String rejected : List.of(symbol, quantity, notional, noPrice, third, unknown)) {
            assertThat(outcome(rejected).status()).isEqualTo(EventOutcome.Status.rejected);
            assertThat(gateway.submitsOf(rejected)).isZero();
            await().atMost(WAIT).until(() -> events(rejected), l -> !l.isEmpty());
            assertThat(events(rejected)).extracting(OrderEvent::status).containsOnly(OrderEvent.Status.rejected);
        }
    }

    @Test
    void httpGatewayTimeoutIsResolvedByLookupWithExactlyOneOrderAtTheBroker() {
        String account = "http-" + id("acct");
        account(account, 60, null);
        WorkersTestApp.BROKER.timeOutNext(1);
        String orderId = signal(account, buy("AAPL", "5", "190"));

        EventOutcome o = outcome(orderId);
        assertThat(o.status()).isEqualTo(EventOutcome.Status.accepted);
        assertThat(o.refs()).containsEntry("order_status", "filled");
        assertThat(WorkersTestApp.BROKER.ordersFor(orderId)).hasSize(1);
        assertThat(WorkersTestApp.BROKER.lookupsReceived()).isPositive();
        assertThat(jdbc.queryForObject("SELECT broker_order_id FROM order_submissions WHERE order_id = ?",
                String.class, orderId)).isEqualTo(WorkersTestApp.BROKER.ordersFor(orderId).get(0).id());
    }

    @Test
    void httpGatewayRetriesA5xxAndPlacesOneOrder() {
        String account = "http-" + id("acct");
        account(account, 60, null);
        WorkersTestApp.BROKER.failNext(2, 503);
        String orderId = signal(account, buy("AAPL", "2", "190"));

        assertThat(outcome(orderId).status()).isEqualTo(EventOutcome.Status.accepted);
        assertThat(WorkersTestApp.BROKER.ordersFor(orderId)).hasSize(1);
    }

    @Test
    void hundredConcurrentCopiesOfOneSignalReachTheGatewayOnce() throws Exception {
        String account = id("acct");
        account(account, 1, null);
        String orderId = newEventId();
        TradingSignal s = buy("AAPL", "1", "10");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CompletableFuture.allOf(IntStream.range(0, 100)
                            .mapToObj(i -> CompletableFuture.runAsync(() -> signal(orderId, account, s), pool))
                            .toArray(CompletableFuture[]::new))
                    .get();
        } finally {
            pool.shutdown();
        }
        await().atMost(WAIT).until(() -> outcomes(orderId).size() >= 100);
        assertThat(outcomes(orderId)).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(EventOutcome.Status.accepted);
            assertThat(o.refs()).containsEntry("order_status", "filled");
        });
        assertThat(gateway.submitsOf(orderId)).isEqualTo(1);
        assertThat(gateway.paper.fills()).filteredOn(f -> f.clientOrderId().equals(orderId)).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT gateway_calls FROM order_submissions WHERE order_id = ?",
                Integer.class, orderId)).isEqualTo(1);
    }

    @Test
    void genericWebhookGetsAnAcceptedOutcome() {
        String eventId = newEventId();
        WebhookReceived w = new WebhookReceived(eventId, "src-generic", "generic", null, null, Instant.now(),
                Json.MAPPER.createObjectNode().put("hello", "world"));
        send(Topics.WEBHOOKS_RECEIVED, "src-generic", w, EventTypes.WEBHOOK_RECEIVED, eventId);
        assertThat(outcome(eventId).status()).isEqualTo(EventOutcome.Status.accepted);
    }
}
