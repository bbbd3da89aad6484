package io.ackflow.bench.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void reproducesTheStandardWebhooksReferenceVector() {
        WebhookSigner signer = new WebhookSigner("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        String signature = signer.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void webhookRequestsCarryUniqueIdsAndAValidSignature() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);
        RequestKind kind = RequestKind.webhooks(AckflowSetup.WEBHOOK_SECRET, "run1", clock);

        BenchRequest first = kind.request(0);
        BenchRequest second = kind.request(1);

        assertThat(first.path()).isEqualTo("/v1/webhooks/bench-source");
        assertThat(first.headers().get("webhook-id")).isEqualTo("msg_run1_0").isNotEqualTo(second.headers().get("webhook-id"));
        assertThat(first.headers().get("webhook-timestamp")).isEqualTo("1700000000");
        assertThat(first.headers().get("webhook-signature")).isEqualTo(new WebhookSigner(AckflowSetup.WEBHOOK_SECRET)
                .sign("msg_run1_0", 1_700_000_000, first.body()));
        assertThat(new String(first.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"symbol\":\"AAPL\",\"side\":\"buy\",\"quantity\":1,\"price\":187.2,\"order_type\":\"market\"}");
    }

    @Test
    void bidsSpreadOverTheBenchAuctionsWithTheClientKey() {
        RequestKind kind = RequestKind.bids("key-1");

        BenchRequest bid = kind.request(9);

        assertThat(bid.path()).isEqualTo("/v1/auctions/bench-auction-1/bids");
        assertThat(bid.headers()).containsEntry("Authorization", "Bearer key-1");
        assertThat(new String(bid.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"bidder_id\":\"bidder-000009\",\"amount\":109.09,\"display_name\":\"Bench bidder 000009\"}");
    }
}
