package io.ackflow.bench.ingress;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers what the load needs through ackflow's admin API: the bench auctions (open now, for a week), a trading
 * account, and a trading webhook source with the bench secret and a rate limit far above the offered load.
 */
final class AckflowSetup {
    private static final Logger log = LoggerFactory.getLogger(AckflowSetup.class);

    static final String ADMIN_TOKEN = "bench-admin-token-0123456789abcdef";
    static final String API_KEY = "bench-client-key-0123456789abcdef";
    static final String WEBHOOK_SECRET = WebhookSigner.SECRET_PREFIX
            + Base64.getEncoder().encodeToString("ackflow-bench-webhook-secret-32b".getBytes(StandardCharsets.UTF_8));
    /** Per-source limit: well above the highest rate the benchmark offers, so no request is refused for rate. */
    static final int SOURCE_RATE_LIMIT = 20_000;

    private final HttpClient http;
    private final URI base;

    AckflowSetup(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    void apply() throws IOException, InterruptedException {
        Instant now = Instant.now();
        for (int i = 0; i < RequestKind.AUCTIONS; i++) {
            put("/v1/auctions/" + RequestKind.AUCTION_PREFIX + i, """
                    {"title":"Bench auction %d","opens_at":"%s","closes_at":"%s"}"""
                    .formatted(i, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7))), true);
        }
        // Orders are the workers' business; ingress may not need the account, so a refusal here is only logged.
        put("/v1/accounts/" + RequestKind.ACCOUNT_ID, """
                {"allowed_symbols":["AAPL"],"max_quantity":1000000,"max_notional":1000000000,\
                "max_orders_per_minute":1000000}""", false);
        put("/v1/sources/" + RequestKind.SOURCE_ID, """
                {"kind":"trading","account_id":"%s","secrets":["%s"],"max_body_bytes":65536,\
                "rate_limit":{"per_second":%d,"burst":%d}}"""
                .formatted(RequestKind.ACCOUNT_ID, WEBHOOK_SECRET, SOURCE_RATE_LIMIT, SOURCE_RATE_LIMIT), true);
    }

    private void put(String path, String json, boolean required) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 == 2) {
            return;
        }
        String why = "PUT " + path + " answered " + response.statusCode() + ": " + IngressBenchmark.abbreviate(response.body());
        if (required) {
            throw new IllegalStateException(why);
        }
        log.warn("{} (not needed by ingress; going on)", why);
    }
}
