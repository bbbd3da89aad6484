package io.ackflow.ingress.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.embedded.EmbeddedStack;
import io.ackflow.ingress.support.Api;
import io.ackflow.ingress.support.IngressIT;
import io.ackflow.ingress.support.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every kind of bad input gets its status as problem+json, naming the field, and nothing is published. */
@IngressIT
class BadInputIT {
    @LocalServerPort
    int port;

    Api api;
    Topics topics;
    long before;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        topics = new Topics(EmbeddedStack.current().bootstrapServers());
        before = topics.totalEndOffsets();
    }

    @AfterEach
    void nothingPublished() {
        assertThat(topics.totalEndOffsets()).as("nothing was published").isEqualTo(before);
    }

    String bids() {
        return "/v1/auctions/" + Api.randomId("auc") + "/bids";
    }

    static void assertProblem(Api.Reply r, int status, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.isProblem()).as(r.toString()).isTrue();
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("title").asString()).isNotBlank();
        if (field != null) {
            assertThat(r.json().get("errors").findValuesAsString("field")).as(r.toString()).contains(field);
        }
    }

    @Test
    void malformedJsonIs400() {
        assertProblem(api.post(bids(), "{\"bidder_id\":\"a\",\"amount\":1").send(), 400, "body");
        assertProblem(api.post(bids(), "{\"bidder_id\":\"a\",\"amount\":NaN}").send(), 400, "body");
        assertProblem(api.post(bids(), "{\"bidder_id\":\"a\",\"amount\":Infinity}").send(), 400, "body");
        assertProblem(api.post(bids(), "{\"bidder_id\":\"a\",\"bidder_id\":\"b\",\"amount\":1}").send(), 400, "body");
        assertProblem(api.post(bids(), "{\"bidder_id\":\"a\",\"amount\":1} trailing").send(), 400, "body");
        assertProblem(api.post(bids(), "").send(), 400, "body");
        assertProblem(api.post(bids(), "{\"bidder_id\":\"\\ud800\",\"amount\":1}").send(), 400, "body");
        assertProblem(api.post(bids(), "[".repeat(100) + "]".repeat(100)).send(), 400, "body");
        assertProblem(api.call("POST", bids()).auth(Api.CLIENT)
                .body(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}, "application/json")
                .send(), 400, "body");
    }

    @Test
    void wrongTypesAndMissingFieldsAre422() {
        assertProblem(api.post(bids(), "{\"amount\":1}").send(), 422, "bidder_id");
        assertProblem(api.post(bids(), "{\"bidder_id\":\"a\",\"amount\":\"12.50\"}").send(), 422, "amount");
        assertProblem(api.post(bids(), "{\"bidder_id\":\"a\",\"amount\":0}").send(), 422, "amount");
        assertProblem(api.post(bids(), "{\"bidder_id\":\"a\",\"amount\":-3}").send(), 422, "amount");
        assertProblem(api.post(bids(), "{\"bidder_id\":\"a\",\"amount\":1.123456789}").send(), 422, "amount");
        assertProblem(api.post(bids(), "{\"bidder_id\":\"a\",\"amount\":1e300}").send(), 422, "amount");
        assertProblem(api.post(bids(), "{\"bidder_id\":[\"a\"],\"amount\":1}").send(), 422, "bidder_id");
        assertProblem(api.post(bids(), "{\"bidder_id\":\"a\\u0000b\",\"amount\":1}").send(), 422, "bidder_id");
        assertProblem(api.post(bids(), "[1,2]").send(), 422, "body");
        assertProblem(api.put("/v1/auctions/" + Api.randomId("auc"),
                "{\"title\":\"t\",\"opens_at\":\"tomorrow\",\"closes_at\":\"2030-01-01T10:00:00Z\"}").send(), 422, "opens_at");
        assertProblem(api.put("/v1/auctions/" + Api.randomId("auc"),
                "{\"title\":\"t\",\"opens_at\":\"2030-01-01T10:00:00Z\",\"closes_at\":\"2030-01-01T09:00:00Z\"}").send(),
                422, "closes_at");
    }

    @Test
    void badPathSegmentsNameThePathParameter() {
        assertProblem(api.post("/v1/auctions/" + "x".repeat(65) + "/bids", "{}").send(), 400, "auctionId");
        assertProblem(api.post("/v1/auctions/bad%20id/bids", "{}").send(), 400, "auctionId");
        assertProblem(api.put("/v1/quizzes/caf%C3%A9", "{}").send(), 400, "quizId");
        assertProblem(api.call("POST", "/v1/webhooks/bad%21").json("{}").send(), 400, "sourceId");
    }

    @Test
    void sizeAndMediaType() {
        String big = "{\"bidder_id\":\"a\",\"amount\":1,\"pad\":\"" + "x".repeat(70 * 1024) + "\"}";
        assertProblem(api.post(bids(), big).send(), 413, "body");
        assertProblem(api.call("POST", bids()).auth(Api.CLIENT).body("bidder_id=a".getBytes(), "application/x-www-form-urlencoded")
                .send(), 415, "Content-Type");
        assertProblem(api.call("POST", bids()).auth(Api.CLIENT).body("{}".getBytes(), "text/plain").send(), 415, null);
        assertProblem(api.call("POST", bids()).auth(Api.CLIENT).body("{}".getBytes(), "application/json; charset=latin1")
                .send(), 415, null);
    }

    @Test
    void authFailures() {
        Api.Reply none = api.post(bids(), "{\"bidder_id\":\"a\",\"amount\":1}").noAuth().send();
        assertProblem(none, 401, null);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertProblem(api.post(bids(), "{}").auth("Bearer wrong-key-0123456789").send(), 401, null);
        assertProblem(api.post(bids(), "{}").auth("Basic dXNlcjpwYXNz").send(), 401, null);
        Api.Reply clientOnAdmin = api.put("/v1/auctions/" + Api.randomId("auc"), "{}").auth(Api.CLIENT).send();
        assertProblem(clientOnAdmin, 403, null);
        for (String path : new String[] {"/v1/sources/s1", "/v1/accounts/a1", "/v1/quizzes/q1", "/v1/bots/b1"}) {
            assertProblem(api.put(path, "{}").auth(Api.CLIENT).send(), 403, null);
            assertProblem(api.put(path, "{}").noAuth().send(), 401, null);
        }
        assertThat(api.put("/v1/auctions/x", "{}").auth(Api.CLIENT).send().text()).doesNotContain(Api.CLIENT_KEY);
    }

    @Test
    void unknownRoutesAndMethodsAreProblems() {
        assertProblem(api.call("GET", "/v1/nothing-here").send(), 404, null);
        assertProblem(api.call("DELETE", "/v1/auctions/a1").auth(Api.ADMIN).send(), 405, null);
        assertProblem(api.call("GET", "/v1/auctions/a1/bids").auth(Api.CLIENT).send(), 405, null);
    }

    @Test
    void refusalsAreProblemsWhateverTheClientAccepts() {
        Api.Reply r = api.post(bids(), "{\"amount\":1}").header("Accept", "text/html").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
    }

    @Test
    void badIdempotencyKeys() {
        assertProblem(api.post(bids(), "{\"bidder_id\":\"a\",\"amount\":1}").header("Idempotency-Key", "k".repeat(256))
                .send(), 400, "Idempotency-Key");
        Api.Call twice = api.post(bids(), "{\"bidder_id\":\"a\",\"amount\":1}").header("Idempotency-Key", "k1");
        assertProblem(twice.addHeader("Idempotency-Key", "k2").send(), 400, null);
    }
}
