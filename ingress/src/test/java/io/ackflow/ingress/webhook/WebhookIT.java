package io.ackflow.ingress.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.embedded.EmbeddedStack;
import io.ackflow.ingress.support.Api;
import io.ackflow.ingress.support.IngressIT;
import io.ackflow.ingress.support.Topics;
import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Headers;
import io.ackflow.schema.Json;
import io.ackflow.schema.RecordHeaders;
import io.ackflow.schema.event.WebhookReceived;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IngressIT
class WebhookIT {
    static final String OLD_SECRET = "whsec_" + Base64.getEncoder().encodeToString("old-secret-0123456789abcdef".getBytes());
    static final String NEW_SECRET = "whsec_" + Base64.getEncoder().encodeToString("new-secret-0123456789abcdef".getBytes());
    static final String SIGNAL = "{\"symbol\":\"AAPL\",\"side\":\"buy\",\"quantity\":10,\"price\":187.2,\"order_type\":\"market\"}";

    @LocalServerPort
    int port;

    Api api;
    Topics topics;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        topics = new Topics(EmbeddedStack.current().bootstrapServers());
    }

    String tradingSource(String account, String... secrets) {
        String source = Api.randomId("src");
        String list = String.join("\",\"", secrets);
        Api.Reply r = api.put("/v1/sources/" + source, "{\"kind\":\"trading\",\"account_id\":\"" + account
                + "\",\"secrets\":[\"" + list + "\"],\"max_body_bytes\":2048,\"rate_limit\":{\"per_second\":1000,\"burst\":1000}}")
                .send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.text()).doesNotContain("whsec_").contains("\"secrets\":" + secrets.length);
        return source;
    }

    Api.Call signed(String source, String secret, String webhookId, long timestamp, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return api.call("POST", "/v1/webhooks/" + source)
                .body(bytes, "application/json")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature",
                        StandardWebhooks.signature(secret, webhookId, Long.toString(timestamp), bytes));
    }

    @Test
    void validSignatureRightAfterThePutIsPublishedKeyedByAccount() {
        String account = Api.randomId("acct");
        String source = tradingSource(account, NEW_SECRET);
        long now = Instant.now().getEpochSecond();
        Api.Reply r = signed(source, NEW_SECRET, "msg_1", now, SIGNAL).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        String id = r.json().get("id").asString();

        ConsumerRecord<String, byte[]> rec = topics.awaitRecords(io.ackflow.schema.Topics.WEBHOOKS_RECEIVED, account, 1).get(0);
        assertThat(RecordHeaders.get(rec.headers(), Headers.EVENT_ID)).isEqualTo(id);
        assertThat(RecordHeaders.get(rec.headers(), Headers.EVENT_TYPE)).isEqualTo(EventTypes.WEBHOOK_RECEIVED);
        assertThat(RecordHeaders.get(rec.headers(), Headers.SOURCE)).isEqualTo(source);
        WebhookReceived w = Json.read(rec.value(), WebhookReceived.class);
        assertThat(w.sourceId()).isEqualTo(source);
        assertThat(w.accountId()).isEqualTo(account);
        assertThat(w.deliveryId()).isEqualTo("msg_1");
        assertThat(w.payload().get("symbol").asString()).isEqualTo("AAPL");
        assertThat(w.payload().get("quantity").decimalValue()).isEqualByComparingTo("10");

        Api.Reply again = signed(source, NEW_SECRET, "msg_1", now, SIGNAL).send();
        assertThat(again.json().get("id").asString()).as("a redelivery gets the same id").isEqualTo(id);
        List<String> concurrent = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> signed(source, NEW_SECRET, "msg_2", now, SIGNAL).send()))
                .toList().stream().map(CompletableFuture::join)
                .map(x -> x.json().get("id").asString()).distinct().toList();
        assertThat(concurrent).hasSize(1).doesNotContain(id);
    }

    @Test
    void invalidExpiredAndRotatedSignatures() {
        String account = Api.randomId("acct");
        String source = tradingSource(account, OLD_SECRET, NEW_SECRET);
        long now = Instant.now().getEpochSecond();
        long before = topics.totalEndOffsets();

        Api.Reply wrongSecret = signed(source, "whsec_" + Base64.getEncoder().encodeToString("nope-nope-nope-nope-1234".getBytes()),
                "m1", now, SIGNAL).send();
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.isProblem()).isTrue();
        Api.Reply tampered = signed(source, NEW_SECRET, "m2", now, SIGNAL).body(
                SIGNAL.replace("10", "99").getBytes(), "application/json").send();
        assertThat(tampered.status()).isEqualTo(401);
        Api.Reply expired = signed(source, NEW_SECRET, "m3", Instant.now().getEpochSecond() - 330, SIGNAL).send();
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("detail").asString()).contains("tolerance");
        Api.Reply future = signed(source, NEW_SECRET, "m4", Instant.now().getEpochSecond() + 330, SIGNAL).send();
        assertThat(future.status()).isEqualTo(401);
        Api.Reply unsigned = api.call("POST", "/v1/webhooks/" + source).json(SIGNAL).send();
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(topics.totalEndOffsets()).as("nothing published").isEqualTo(before);

        assertThat(signed(source, OLD_SECRET, "m5", now, SIGNAL).send().status()).isEqualTo(202);
        assertThat(signed(source, NEW_SECRET, "m6", now, SIGNAL).send().status()).isEqualTo(202);
        Api.Call both = signed(source, NEW_SECRET, "m7", now, SIGNAL);
        byte[] bytes = SIGNAL.getBytes();
        String sigOld = StandardWebhooks.signature(OLD_SECRET, "m7", Long.toString(now), bytes);
        assertThat(both.header("webhook-signature", "v1,bm90LWEtc2lnbmF0dXJl " + sigOld).send().status())
                .as("any of several signatures may match").isEqualTo(202);
    }

    @Test
    void tokenAuthenticatedGenericSourcePassesJsonThroughKeyedBySource() {
        String source = Api.randomId("tv");
        String token = "tok-0123456789abcdef";
        assertThat(api.put("/v1/sources/" + source, "{\"kind\":\"generic\",\"token\":\"" + token + "\"}").send()
                .text()).doesNotContain(token).contains("\"has_token\":true");
        String body = "{\"anything\":[1,2,{\"nested\":\"yes\"}],\"note\":\"héllo\"}";

        Api.Reply viaQuery = api.call("POST", "/v1/webhooks/" + source + "?token=" + token).json(body)
                .header("Idempotency-Key", "alert-1").send();
        assertThat(viaQuery.status()).as(viaQuery.toString()).isEqualTo(202);
        Api.Reply viaHeader = api.call("POST", "/v1/webhooks/" + source).json(body)
                .header("X-Webhook-Token", token).header("Idempotency-Key", "alert-1").send();
        assertThat(viaHeader.json().get("id").asString()).isEqualTo(viaQuery.json().get("id").asString());

        long before = topics.totalEndOffsets();
        assertThat(api.call("POST", "/v1/webhooks/" + source + "?token=wrong-token-0123456").json(body).send().status())
                .isEqualTo(401);
        assertThat(api.call("POST", "/v1/webhooks/" + source).header("X-Webhook-Token", "x").json(body).send().status())
                .isEqualTo(401);
        assertThat(topics.totalEndOffsets()).isEqualTo(before);

        WebhookReceived w = Json.read(
                topics.awaitRecords(io.ackflow.schema.Topics.WEBHOOKS_RECEIVED, source, 2).get(0).value(),
                WebhookReceived.class);
        assertThat(w.payload().get("note").asString()).isEqualTo("héllo");
        assertThat(w.deliveryId()).isEqualTo("alert-1");
    }

    @Test
    void invalidTradingSignalsAndOversizedBodiesAreRefusedAndNotPublished() {
        String source = tradingSource(Api.randomId("acct"), NEW_SECRET);
        long now = Instant.now().getEpochSecond();
        long before = topics.totalEndOffsets();
        Api.Reply bad = signed(source, NEW_SECRET, "b1", now,
                "{\"symbol\":\"AAPL\",\"side\":\"hold\",\"quantity\":\"10\",\"price\":-1,\"order_type\":\"stop\"}").send();
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("side", "quantity", "price", "order_type");
        Api.Reply limitNoPrice = signed(source, NEW_SECRET, "b2", now,
                "{\"symbol\":\"AAPL\",\"side\":\"sell\",\"quantity\":1,\"order_type\":\"limit\"}").send();
        assertThat(limitNoPrice.status()).isEqualTo(422);
        assertThat(limitNoPrice.json().get("errors").get(0).get("field").asString()).isEqualTo("price");
        String big = "{\"symbol\":\"AAPL\",\"side\":\"buy\",\"quantity\":1,\"pad\":\"" + "x".repeat(3000) + "\"}";
        Api.Reply tooLarge = signed(source, NEW_SECRET, "b3", now, big).send();
        assertThat(tooLarge.status()).as("the source's max_body_bytes is 2048").isEqualTo(413);
        assertThat(tooLarge.isProblem()).isTrue();
        assertThat(api.call("POST", "/v1/webhooks/" + Api.randomId("nosuch")).json(SIGNAL).send().status())
                .isEqualTo(404);
        assertThat(topics.totalEndOffsets()).isEqualTo(before);
    }

    @Test
    void sourceDefinitionsAreValidated() {
        Api.Reply r = api.put("/v1/sources/" + Api.randomId("src"),
                "{\"kind\":\"crypto\",\"secrets\":[\"nope\", 3],\"max_body_bytes\":10,\"rate_limit\":{\"per_second\":0}}").send();
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("errors").findValuesAsString("field")).contains(
                "kind", "secrets[0]", "secrets[1]", "max_body_bytes", "rate_limit.per_second", "rate_limit.burst");
        Api.Reply noAccount = api.put("/v1/sources/" + Api.randomId("src"),
                "{\"kind\":\"trading\",\"secrets\":[\"" + NEW_SECRET + "\"]}").send();
        assertThat(noAccount.json().get("errors").findValuesAsString("field")).containsExactly("account_id");
        Api.Reply noAuth = api.put("/v1/sources/" + Api.randomId("src"), "{\"kind\":\"generic\"}").send();
        assertThat(noAuth.json().get("errors").findValuesAsString("field")).containsExactly("secrets");
    }
}
