package io.ackflow.ingress.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.embedded.EmbeddedStack;
import io.ackflow.ingress.support.Api;
import io.ackflow.ingress.support.IngressIT;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With the broker stopped, ingress answers 503 + Retry-After within about a second, then recovers by itself. */
@IngressIT
class BrokerDownIT {
    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("ingressProducer")
    HealthIndicator health;

    @Test
    void answers503QuicklyWhileTheBrokerIsDownAndRecoversWhenItReturns() {
        Api api = new Api(port);
        String auction = Api.randomId("auc");
        String bid = "{\"bidder_id\":\"a\",\"amount\":1}";
        assertThat(api.post("/v1/auctions/" + auction + "/bids", bid).send().status()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.UP));

        EmbeddedStack stack = EmbeddedStack.current();
        stack.stopKafka();
        try {
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                Api.Reply r = api.post("/v1/auctions/" + auction + "/bids", bid).send();
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertThat(r.status()).as(r.toString()).isEqualTo(503);
                assertThat(r.isProblem()).isTrue();
                assertThat(r.header("Retry-After")).isEqualTo("1");
                assertThat(millis).as("answered within a bounded time").isLessThan(2_500);
            }
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> health.health().getStatus().equals(Status.DOWN));
        } finally {
            stack.startKafka();
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.post("/v1/auctions/" + auction + "/bids", bid).send().status() == 202);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.UP));
    }
}
