package io.ackflow.workers.orders;

import io.ackflow.schema.ConsumerGroups;
import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Json;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.AccountDefined;
import io.ackflow.schema.event.EventOutcome;
import io.ackflow.schema.event.OrderEvent;
import io.ackflow.schema.event.SourceDefined;
import io.ackflow.schema.event.TelegramSend;
import io.ackflow.schema.event.TradingSignal;
import io.ackflow.schema.event.WebhookReceived;
import io.ackflow.workers.support.ReferenceData;
import io.ackflow.workers.support.ReferenceNotCurrentException;
import io.ackflow.workers.support.WorkerListener;
import io.ackflow.workers.support.WorkerMetrics;
import io.ackflow.workers.support.WorkerPublisher;
import io.ackflow.workers.support.WorkerRecords;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Group {@link ConsumerGroups#ORDER_WORKER} on {@link Topics#WEBHOOKS_RECEIVED}. A {@code trading} webhook becomes an
 * order whose id is the webhook's event id; it is risk-checked against its account, claimed in the {@link
 * OrderSubmissionLedger}, placed through the {@link BrokerGateway} at most once, and reported as {@link OrderEvent}s
 * ({@code created}, {@code submitted}, then {@code filled}/{@code rejected}/{@code failed}; key account id), an {@link
 * EventOutcome} (refs {@code order_id}) and, when the account has a Telegram chat, a notice. A duplicate of a known
 * order re-emits its recorded state. Generic webhooks just get an {@code accepted} outcome.
 */
@Component
public class OrderListener extends WorkerListener {
    private final ReferenceData reference;
    private final WorkerPublisher publisher;
    private final OrderSubmissionLedger ledger;
    private final BrokerGateway gateway;
    private final OrdersProperties props;
    private final OrderRateWindow window = new OrderRateWindow();
    private final RiskCheck risk;

    public OrderListener(
            ReferenceData reference,
            WorkerPublisher publisher,
            OrderSubmissionLedger ledger,
            BrokerGateway gateway,
            OrdersProperties props,
            MeterRegistry registry,
            ObjectProvider<Clock> clock) {
        super(ConsumerGroups.ORDER_WORKER, Topics.WEBHOOKS_RECEIVED,
                new WorkerMetrics(registry, ConsumerGroups.ORDER_WORKER), clock.getIfUnique(Clock::systemUTC));
        this.reference = reference;
        this.publisher = publisher;
        this.ledger = ledger;
        this.gateway = gateway;
        this.props = props;
        this.risk = new RiskCheck(props, window);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        super.onPartitionsRevoked(partitions);
        window.clear();
    }

    @Override
    protected void handle(ConsumerRecord<String, byte[]> record) {
        WebhookReceived webhook = WorkerRecords.decode(record, WebhookReceived.class);
        String eventId = WorkerRecords.eventId(webhook.eventId(), record);
        Instant receivedAt = WorkerRecords.ingressTime(record, webhook.receivedAt());
        if (!SourceDefined.KIND_TRADING.equals(webhook.kind())) {
            publisher.publish(WorkerRecords.outcome(record, eventId, EventTypes.WEBHOOK_RECEIVED,
                    EventOutcome.Status.accepted, null, receivedAt, clock.instant(),
                    Map.of("kind", String.valueOf(webhook.kind()))));
            metrics.outcome("accepted", "generic");
            return;
        }
        WorkerRecords.require(webhook.accountId(), "account_id", record);
        TradingSignal signal = WorkerRecords.convert(webhook.payload(), TradingSignal.class, "trading signal payload");
        Order order = new Order(eventId, webhook.accountId(), webhook.sourceId(), signal.symbol(),
                signal.side() == null ? null : signal.side().toLowerCase(Locale.ROOT), signal.quantity(),
                signal.price(), signal.orderType(), receivedAt);

        Optional<OrderSubmissionLedger.Submission> known = ledger.find(order.orderId());
        if (known.isPresent() && !known.get().isClaimed()) {
            emitKnown(record, order, known.get());
            return;
        }
        boolean fresh = known.isEmpty();
        if (fresh) {
            Optional<String> rejection = decide(order);
            if (rejection.isPresent()) {
                ledger.recordRejected(order.orderId(), order.accountId(), rejection.get());
                OrderSubmissionLedger.Submission row = ledger.find(order.orderId()).orElseThrow();
                emitKnown(record, order, row);
                return;
            }
            fresh = ledger.claim(order.orderId(), order.accountId());
            if (fresh) {
                window.record(order.accountId(), order.receivedAt());
                publisher.publish(orderEvent(record, order, OrderEvent.Status.created, null, null));
            }
        }
        boolean submitNew = fresh;
        OrderSubmissionLedger.Submission done = ledger.submitOnce(
                order.orderId(), row -> submitNew ? gateway.submit(order) : gateway.resume(order));
        emitKnown(record, order, done);
    }

    /** The first risk rule the order breaks, after making sure the account view is current before rejecting. */
    private Optional<String> decide(Order order) {
        Optional<AccountDefined> account = reference.accounts().get(order.accountId());
        Optional<String> rejection = account.isEmpty() ? Optional.of(RiskCheck.UNKNOWN_ACCOUNT)
                : risk.check(order, account.get());
        if (rejection.isPresent() && !RiskCheck.MAX_ORDERS_PER_MINUTE_EXCEEDED.equals(rejection.get())) {
            if (!reference.ensureCurrent(reference.accounts(), order.receivedAt())) {
                throw new ReferenceNotCurrentException(Topics.ACCOUNTS, order.accountId());
            }
            account = reference.accounts().get(order.accountId());
            rejection = account.isEmpty() ? Optional.of(RiskCheck.UNKNOWN_ACCOUNT) : risk.check(order, account.get());
        }
        return rejection;
    }

    /** Publishes the order's recorded state: its events, the request's outcome and the Telegram notice. */
    private void emitKnown(ConsumerRecord<String, byte[]> record, Order order, OrderSubmissionLedger.Submission row) {
        OrderEvent.Status status = row.status();
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(4);
        if (row.gatewayCalls() > 0 && status != OrderEvent.Status.submitted) {
            out.add(orderEvent(record, order, OrderEvent.Status.submitted, row, null));
        }
        out.add(orderEvent(record, order, status, row, row.reason()));
        EventOutcome.Status outcome;
        String reason;
        switch (status) {
            case filled, submitted, created -> {
                outcome = EventOutcome.Status.accepted;
                reason = null;
            }
            case rejected -> {
                outcome = EventOutcome.Status.rejected;
                reason = row.gatewayCalls() > 0 ? "broker_rejected" : row.reason();
            }
            default -> {
                outcome = EventOutcome.Status.failed;
                reason = "broker_failed";
            }
        }
        Map<String, String> refs = new LinkedHashMap<>();
        refs.put("order_id", order.orderId());
        refs.put("order_status", status.name());
        if (row.gatewayCalls() > 0 && row.reason() != null) {
            refs.put("broker_reason", row.reason());
        }
        out.add(WorkerRecords.outcome(record, order.orderId(), EventTypes.WEBHOOK_RECEIVED, outcome, reason,
                order.receivedAt(), clock.instant(), refs));
        notice(record, order, row).ifPresent(out::add);
        publisher.publishAll(out);
        metrics.outcome(outcome.name(), reason);
    }

    private ProducerRecord<String, byte[]> orderEvent(ConsumerRecord<String, byte[]> record, Order order,
            OrderEvent.Status status, OrderSubmissionLedger.Submission row, String reason) {
        boolean filled = status == OrderEvent.Status.filled && row != null;
        OrderEvent event = new OrderEvent(order.orderId(), order.accountId(), order.sourceId(), status, order.symbol(),
                order.side(), order.quantity(), order.price(), order.orderType() == null ? "market" : order.orderType(),
                filled ? row.filledQuantity() : null, filled ? row.fillPrice() : null,
                row == null ? null : row.brokerOrderId(), reason, clock.instant());
        return WorkerRecords.derived(record, Topics.ORDER_EVENTS, order.accountId(), EventTypes.ORDER_EVENT, event);
    }

    /** {@code sendMessage} to the account's chat, message id {@code order:<orderId>:<status>}. */
    private Optional<ProducerRecord<String, byte[]>> notice(
            ConsumerRecord<String, byte[]> record, Order order, OrderSubmissionLedger.Submission row) {
        if (!props.notifyTelegram()) {
            return Optional.empty();
        }
        Optional<AccountDefined.TelegramTarget> target =
                reference.accounts().get(order.accountId()).map(AccountDefined::telegram);
        if (target.isEmpty() || target.get().botId() == null) {
            return Optional.empty();
        }
        String text = switch (row.status()) {
            case filled -> "Order %s %s %s %s filled at %s".formatted(shortId(order), order.side(), order.quantity(),
                    order.symbol(), row.fillPrice());
            case rejected -> "Order %s %s %s %s rejected: %s".formatted(shortId(order), order.side(), order.quantity(),
                    order.symbol(), row.reason());
            default -> "Order %s %s %s %s: %s".formatted(shortId(order), order.side(), order.quantity(),
                    order.symbol(), row.state());
        };
        TelegramSend send = new TelegramSend("order:" + order.orderId() + ":" + row.state(), target.get().botId(),
                target.get().chatId(), TelegramSend.SEND_MESSAGE, Json.MAPPER.createObjectNode().put("text", text),
                "order-notice", clock.instant());
        return Optional.of(WorkerRecords.derived(record, Topics.TELEGRAM_OUTBOUND,
                Long.toString(target.get().chatId()), EventTypes.TELEGRAM_SEND, send));
    }

    private static String shortId(Order order) {
        return order.orderId().length() > 8 ? order.orderId().substring(0, 8) : order.orderId();
    }
}
