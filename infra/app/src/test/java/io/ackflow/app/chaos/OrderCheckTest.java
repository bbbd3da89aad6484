package io.ackflow.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.fakes.broker.FakeBrokerServer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderCheckTest {

    @Test
    void oneOrderPerAcknowledgedSignalHoweverOftenItWasSent() {
        RequestRecord signal = Records.webhook(1, "sig-1", -1, 202);
        RequestRecord redelivery = Records.repeat(signal, 2, 202);
        List<FakeBrokerServer.Submission> posts = List.of(post("ev-sig-1", 503), post("ev-sig-1", 201),
                post("ev-sig-1", 200));

        Effects e = OrderCheck.check(List.of(signal, redelivery), List.of(order("ev-sig-1")), posts,
                Map.of("ev-sig-1", "filled"), Map.of("ev-sig-1", "accepted"));

        assertThat(e.lost() + e.doubled() + e.wrong() + e.refusedWithEffect()).isZero();
        assertThat(e.figures()).containsEntry("signals acknowledged", 1L)
                .containsEntry("orders at the gateway", 1L)
                .containsEntry("order POSTs", 3L)
                .containsEntry("POSTs refused by the gateway (429/5xx)", 1L)
                .containsEntry("resubmissions the gateway deduped", 1L);
    }

    @Test
    void anAcknowledgedSignalWithoutAnOrderIsLost() {
        Effects e = OrderCheck.check(List.of(Records.webhook(1, "sig-1", -1, 202)), List.of(), List.of(), Map.of(),
                Map.of("ev-sig-1", "failed"));

        assertThat(e.lost()).isEqualTo(1);
        assertThat(e.details()).singleElement().asString().contains("no order at the gateway").contains("failed");
    }

    @Test
    void anOrderAtTheGatewayThatWasNotStoredIsLost() {
        Effects e = OrderCheck.check(List.of(Records.webhook(1, "sig-1", -1, 202)), List.of(order("ev-sig-1")),
                List.of(), Map.of(), Map.of());

        assertThat(e.lost()).isEqualTo(1);
    }

    @Test
    void aRefusedSignalWithAnOrderIsARefusedEffectAndAnUncertainOneIsAllowed() {
        Effects e = OrderCheck.check(List.of(Records.webhook(1, "sig-1", -1, 401), Records.webhook(2, "sig-2", -1, 0)),
                List.of(order("ev-sig-1"), order("ev-sig-2")), List.of(), Map.of(), Map.of());

        assertThat(e.refusedWithEffect()).isEqualTo(1);
        assertThat(e.uncertainWithEffect()).isEqualTo(1);
    }

    private static FakeBrokerServer.PlacedOrder order(String clientOrderId) {
        return new FakeBrokerServer.PlacedOrder("fb-1", clientOrderId, "AAPL", "buy", BigDecimal.ONE, "market",
                null, BigDecimal.TEN, Instant.EPOCH);
    }

    private static FakeBrokerServer.Submission post(String clientOrderId, int status) {
        return new FakeBrokerServer.Submission(clientOrderId, status, Instant.EPOCH);
    }
}
