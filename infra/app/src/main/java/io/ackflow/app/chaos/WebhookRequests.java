package io.ackflow.app.chaos;

import java.time.Clock;
import java.util.Map;
import java.util.Random;

/**
 * Trading signals to the scenario's source, signed as Standard Webhooks. A redelivery carries the same
 * {@code webhook-id} and body with a fresh timestamp and signature, as a webhook sender's retry does.
 */
final class WebhookRequests implements RequestMaker {
    private final String scenario;
    private final LoadFixture fixture;
    private final Random random;
    private final Clock clock;

    WebhookRequests(String scenario, LoadFixture fixture, Random random, Clock clock) {
        this.scenario = scenario;
        this.fixture = fixture;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public PlannedRequest fresh(long seq) {
        String symbol = LoadFixture.SYMBOLS.get(random.nextInt(LoadFixture.SYMBOLS.size()));
        String side = random.nextBoolean() ? "buy" : "sell";
        int quantity = 1 + random.nextInt(10);
        String body = "{\"symbol\":\"" + symbol + "\",\"side\":\"" + side + "\",\"quantity\":" + quantity
                + ",\"price\":187.25,\"order_type\":\"market\"}";
        String webhookId = "sig-" + scenario + "-" + seq;
        return signed(seq, webhookId, body, symbol, side + " " + quantity, -1);
    }

    @Override
    public PlannedRequest repeat(PlannedRequest o, long seq) {
        return signed(seq, o.key(), o.body(), o.item(), o.value(), o.seq());
    }

    private PlannedRequest signed(long seq, String webhookId, String body, String symbol, String value,
            long duplicateOf) {
        long ts = clock.instant().getEpochSecond();
        Map<String, String> headers = Map.of("Content-Type", "application/json", "webhook-id", webhookId,
                "webhook-timestamp", Long.toString(ts), "webhook-signature", fixture.sign(webhookId, ts, body));
        return new PlannedRequest(seq, RequestKind.WEBHOOK, "/v1/webhooks/" + fixture.sourceId(), headers, body,
                webhookId, fixture.webhookEventId(webhookId), null, fixture.sourceId(), fixture.accountId(), symbol,
                value, duplicateOf);
    }
}
