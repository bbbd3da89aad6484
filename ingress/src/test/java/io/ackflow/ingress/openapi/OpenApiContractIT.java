package io.ackflow.ingress.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.ingress.support.Api;
import io.ackflow.ingress.support.IngressIT;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** The served OpenAPI document describes every ingress route, and real answers match what it documents. */
@IngressIT
class OpenApiContractIT {
    static final String SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString("contract-secret-0123456789".getBytes());

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    Api api;
    JsonNode doc;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        Api.Reply r = api.call("GET", "/openapi.json").send();
        assertThat(r.status()).isEqualTo(200);
        doc = r.json();
        assertThat(doc.get("openapi").asString()).startsWith("3.1");
    }

    @Test
    void everyImplementedRouteIsDocumentedAndEveryDocumentedRouteIsImplemented() {
        Set<String> implemented = new TreeSet<>();
        for (var e : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = e.getKey();
            HandlerMethod handler = e.getValue();
            if (!handler.getBeanType().getPackageName().startsWith("io.ackflow.ingress")) {
                continue;
            }
            for (String pattern : info.getPatternValues()) {
                info.getMethodsCondition().getMethods()
                        .forEach(m -> implemented.add(m.name().toLowerCase(Locale.ROOT) + " " + pattern));
            }
        }
        Set<String> documented = new TreeSet<>();
        doc.get("paths").properties().forEach(p -> p.getValue().propertyNames()
                .forEach(method -> documented.add(method + " " + p.getKey())));
        assertThat(implemented).isNotEmpty().isEqualTo(documented);
    }

    @Test
    void sampleAnswersCarryDocumentedStatusesAndFields() {
        List<Sample> samples = new ArrayList<>();
        String id = Api.randomId("c");
        long chat = ThreadLocalRandom.current().nextLong(1, 1L << 50);
        samples.add(sample(api.put("/v1/auctions/" + id, "{\"title\":\"t\",\"opens_at\":\"2030-01-01T10:00:00Z\","
                + "\"closes_at\":\"2030-01-01T11:00:00Z\"}"), 200));
        samples.add(sample(api.put("/v1/auctions/" + id, "{\"title\":1}"), 422));
        samples.add(sample(api.put("/v1/auctions/" + id, "{}").noAuth(), 401));
        samples.add(sample(api.put("/v1/auctions/" + id, "{}").auth(Api.CLIENT), 403));
        samples.add(sample(api.post("/v1/auctions/" + id + "/bids", "{\"bidder_id\":\"a\",\"amount\":1}"), 202));
        samples.add(sample(api.post("/v1/auctions/" + id + "/bids", "{\"bidder_id\":"), 400));
        samples.add(sample(api.post("/v1/auctions/" + id + "/bids", "{\"p\":\"" + "x".repeat(70_000) + "\"}"), 413));
        samples.add(sample(api.post("/v1/auctions/" + id + "/bids", "{}").body("{}".getBytes(), "text/plain"), 415));
        samples.add(sample(api.put("/v1/sources/" + id, "{\"kind\":\"generic\",\"secrets\":[\"" + SECRET + "\"],"
                + "\"token\":\"contract-token-0123456\"}"), 200));
        samples.add(sample(api.call("POST", "/v1/webhooks/" + id).json("{\"a\":1}")
                .header("X-Webhook-Token", "contract-token-0123456"), 202));
        samples.add(sample(api.call("POST", "/v1/webhooks/" + id).json("{\"a\":1}"), 401));
        samples.add(sample(api.call("POST", "/v1/webhooks/" + id + "x").json("{}"), 404));
        samples.add(sample(api.put("/v1/accounts/" + id, "{\"allowed_symbols\":[\"AAPL\"],\"max_quantity\":5}"), 200));
        samples.add(sample(api.put("/v1/quizzes/" + id, "{\"title\":\"q\",\"opens_at\":\"2030-01-01T10:00:00Z\","
                + "\"closes_at\":\"2030-01-01T11:00:00Z\",\"questions\":[{\"id\":\"q1\",\"text\":\"?\",\"options\":"
                + "[{\"id\":\"a\",\"text\":\"A\"},{\"id\":\"b\",\"text\":\"B\"}],\"correct_option_id\":\"b\"}]}"), 200));
        samples.add(sample(api.post("/v1/quizzes/" + id + "/answers",
                "{\"user_id\":\"u\",\"question_id\":\"q1\",\"option_id\":\"a\"}"), 202));
        samples.add(sample(api.call("POST", "/v1/quizzes/" + id + "/close").auth(Api.ADMIN), 202));
        samples.add(sample(api.put("/v1/bots/" + id, "{\"token\":\"1:abc\",\"webhook_secret\":\"s3cret\"}"), 200));
        samples.add(sample(api.call("POST", "/v1/telegram/" + id + "/webhook")
                .json("{\"update_id\":1,\"message\":{\"chat\":{\"id\":" + chat + "}}}")
                .header("X-Telegram-Bot-Api-Secret-Token", "s3cret"), 200));
        samples.add(sample(api.call("POST", "/v1/telegram/" + id + "/webhook").json("{\"update_id\":1}"), 403));
        samples.add(sample(api.post("/v1/bots/" + id + "/messages", "{\"chat_id\":" + chat + ",\"text\":\"hi\"}"), 202));
        samples.add(sample(api.post("/v1/bots/" + id + "x/messages", "{\"chat_id\":1,\"text\":\"hi\"}"), 404));
        samples.add(sample(api.call("GET", "/openapi.json"), 200));

        SoftAssertions soft = new SoftAssertions();
        for (Sample s : samples) {
            soft.assertThat(s.reply.status()).as(s.label() + " -> " + s.reply).isEqualTo(s.expected);
            checkAgainstDocument(soft, s);
        }
        soft.assertAll();
    }

    private void checkAgainstDocument(SoftAssertions soft, Sample s) {
        JsonNode operation = operation(s.method, s.path);
        soft.assertThat(operation).as("documented operation for " + s.label()).isNotNull();
        if (operation == null) {
            return;
        }
        JsonNode response = resolve(operation.get("responses").get(Integer.toString(s.reply.status())));
        soft.assertThat(response).as(s.label() + " documents status " + s.reply.status()).isNotNull();
        if (response == null || response.get("content") == null) {
            return;
        }
        String type = s.reply.contentType().split(";")[0].trim();
        JsonNode content = response.get("content").get(type);
        soft.assertThat(content).as(s.label() + " documents content type " + type).isNotNull();
        if (content == null) {
            return;
        }
        JsonNode schema = resolve(content.get("schema"));
        JsonNode body = s.reply.json();
        if (schema.has("required")) {
            for (JsonNode field : schema.get("required")) {
                soft.assertThat(body.has(field.asString()))
                        .as(s.label() + " answer has documented field " + field.asString() + ": " + s.reply)
                        .isTrue();
            }
        }
    }

    private JsonNode operation(String method, String path) {
        for (var p : doc.get("paths").properties()) {
            String regex = p.getKey().replaceAll("\\{[^}]+}", "[^/]+");
            if (path.split("\\?")[0].matches(regex)) {
                return p.getValue().get(method.toLowerCase(Locale.ROOT));
            }
        }
        return null;
    }

    private JsonNode resolve(JsonNode node) {
        if (node == null || !node.has("$ref")) {
            return node;
        }
        JsonNode target = doc;
        for (String part : node.get("$ref").asString().substring(2).split("/")) {
            target = target.get(part);
        }
        return resolve(target);
    }

    private Sample sample(Api.Call call, int expected) {
        return new Sample(call.method(), call.path(), call.send(), expected);
    }

    record Sample(String method, String path, Api.Reply reply, int expected) {
        String label() {
            return method + " " + path;
        }
    }
}
