package io.ackflow.bench.ingress;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/** What a target is sent: bids, or signed trading webhooks. Request {@code seq} is built on demand. */
interface RequestKind {
    int AUCTIONS = 8;
    String AUCTION_PREFIX = "bench-auction-";
    String SOURCE_ID = "bench-source";
    String ACCOUNT_ID = "bench-account";

    BenchRequest request(long seq);

    /**
     * {@code POST /v1/auctions/bench-auction-<n>/bids} over 8 auctions, with the client key. The body is about 120
     * bytes; the published record (with event id, auction id and time) is about 250.
     */
    static RequestKind bids(String apiKey) {
        Map<String, String> headers = Map.of("Authorization", "Bearer " + apiKey);
        return seq -> {
            long n = Math.abs(seq);
            String bidder = pad6(n % 100_000);
            long cents = n % 100;
            String body = "{\"bidder_id\":\"bidder-" + bidder + "\",\"amount\":" + (100 + n % 100_000) + "."
                    + (cents < 10 ? "0" : "") + cents + ",\"display_name\":\"Bench bidder " + bidder + "\"}";
            return new BenchRequest("POST", "/v1/auctions/" + AUCTION_PREFIX + (n % AUCTIONS) + "/bids", headers,
                    body.getBytes(StandardCharsets.UTF_8));
        };
    }

    /**
     * {@code POST /v1/webhooks/bench-source}, a trading signal signed per Standard Webhooks with a unique
     * {@code webhook-id} per request (a repeated id would be a duplicate, answered without publishing).
     */
    static RequestKind webhooks(String secret, String runId, Clock clock) {
        WebhookSigner signer = new WebhookSigner(secret);
        return seq -> {
            String body = "{\"symbol\":\"AAPL\",\"side\":\"" + (seq % 2 == 0 ? "buy" : "sell") + "\",\"quantity\":"
                    + (1 + Math.abs(seq) % 100) + ",\"price\":187.2,\"order_type\":\"market\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String id = "msg_" + runId + "_" + (seq < 0 ? "probe" + -seq : Long.toString(seq));
            long timestamp = clock.millis() / 1000;
            return new BenchRequest("POST", "/v1/webhooks/" + SOURCE_ID, Map.of(
                    "webhook-id", id,
                    "webhook-timestamp", Long.toString(timestamp),
                    "webhook-signature", signer.sign(id, timestamp, bytes)), bytes);
        };
    }

    private static String pad6(long n) {
        String s = Long.toString(n);
        return "000000".substring(s.length()) + s;
    }
}
