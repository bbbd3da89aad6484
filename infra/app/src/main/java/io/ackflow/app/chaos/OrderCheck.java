package io.ackflow.app.chaos;

import io.ackflow.fakes.broker.FakeBrokerServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Trading signals against the order gateway's own log: every acknowledged signal (one {@code webhook-id}, however
 * often sent) is exactly one order at the gateway, with {@code client_order_id} = its event id, and a stored order;
 * a refused signal has none; an uncertain one at most one.
 */
final class OrderCheck {
    private OrderCheck() {}

    static Effects check(List<RequestRecord> webhooks, List<FakeBrokerServer.PlacedOrder> gatewayOrders,
            List<FakeBrokerServer.Submission> submissions, Map<String, String> storedOrders,
            Map<String, String> statuses) {
        Effects e = new Effects();
        Map<String, Long> ordersById = gatewayOrders.stream().collect(Collectors.groupingBy(
                FakeBrokerServer.PlacedOrder::clientOrderId, Collectors.counting()));
        Set<String> ours = webhooks.stream().map(RequestRecord::expectedEventId).collect(Collectors.toSet());
        for (KeyedRequests signal : KeyedRequests.byKey(webhooks).values()) {
            String orderId = signal.effectEventId();
            long orders = ordersById.getOrDefault(orderId, 0L);
            if (orders > 1) {
                e.doubled("signal " + signal.key() + " has " + orders + " orders at the gateway");
            }
            switch (signal.answer()) {
                case ACKED -> {
                    e.count("signals acknowledged");
                    if (orders == 0) {
                        e.lost("signal " + signal.key() + " (order " + orderId + ") has no order at the gateway; "
                                + "outcome " + statuses.get(orderId));
                    } else if (!"filled".equals(storedOrders.get(orderId))) {
                        e.lost("order " + orderId + " is at the gateway but stored as " + storedOrders.get(orderId));
                    }
                }
                case UNCERTAIN -> {
                    if (orders > 0) {
                        e.uncertainHadEffect();
                    }
                }
                case REFUSED -> {
                    if (orders > 0) {
                        e.refusedWithEffect("signal " + signal.key() + " was refused " + signal.requests().stream()
                                .map(RequestRecord::status).toList() + " but order " + orderId + " exists");
                    }
                }
            }
        }
        e.figure("orders at the gateway", ours.stream().filter(ordersById::containsKey).count());
        List<FakeBrokerServer.Submission> posts = submissions.stream()
                .filter(s -> s.clientOrderId() != null && ours.contains(s.clientOrderId())).toList();
        e.figure("order POSTs", posts.size());
        e.figure("POSTs refused by the gateway (429/5xx)", posts.stream()
                .filter(s -> s.status() == 429 || s.status() >= 500).count());
        e.figure("resubmissions the gateway deduped", posts.stream()
                .filter(s -> s.status() == FakeBrokerServer.Submission.EXISTING).count());
        return e;
    }
}
