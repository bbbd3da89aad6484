package io.ackflow.ingress.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.embedded.EmbeddedStack;
import io.ackflow.ingress.support.Api;
import io.ackflow.ingress.support.IngressIT;
import io.ackflow.ingress.support.Topics;
import io.ackflow.ingress.webhook.StandardWebhooks;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Throws many malformed bodies, headers and oversized payloads at every endpoint, with valid credentials where that
 * reaches deeper, and asserts: no 5xx, every refusal is problem+json, and nothing at all was published.
 */
@IngressIT
class MalformedInputFuzzIT {
    static final long SEED = 20240917L;
    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("fuzz-secret-0123456789ab".getBytes());
    static final String TOKEN = "fuzz-token-0123456789";
    static final String TG_SECRET = "fuzz_tg_secret";

    @LocalServerPort
    int port;

    /** An endpoint, how to authenticate to it validly, and a valid body for header attacks. */
    record Target(String method, String path, UnaryOperator<Api.Call> auth, String validBody, boolean anyObjectIsValid) {}

    @Test
    void malformedInputNeverCauses5xxOrAPublish() {
        Api api = new Api(port);
        Topics topics = new Topics(EmbeddedStack.current().bootstrapServers());
        String generic = Api.randomId("fz");
        String trading = Api.randomId("fz");
        String bot = Api.randomId("fz");
        assertThat(api.put("/v1/sources/" + generic, "{\"kind\":\"generic\",\"token\":\"" + TOKEN + "\"}").send().status())
                .isEqualTo(200);
        assertThat(api.put("/v1/sources/" + trading, "{\"kind\":\"trading\",\"account_id\":\"acct\",\"secrets\":[\""
                + SECRET + "\"],\"max_body_bytes\":4096}").send().status()).isEqualTo(200);
        assertThat(api.put("/v1/bots/" + bot, "{\"token\":\"1:abc\",\"webhook_secret\":\"" + TG_SECRET + "\"}").send()
                .status()).isEqualTo(200);
        long before = topics.totalEndOffsets();

        UnaryOperator<Api.Call> admin = c -> c.auth(Api.ADMIN);
        UnaryOperator<Api.Call> client = c -> c.auth(Api.CLIENT);
        UnaryOperator<Api.Call> none = c -> c;
        List<Target> targets = List.of(
                new Target("PUT", "/v1/auctions/a1", admin, "{\"title\":\"t\",\"opens_at\":\"2030-01-01T00:00:00Z\",\"closes_at\":\"2030-01-02T00:00:00Z\"}", false),
                new Target("POST", "/v1/auctions/a1/bids", client, "{\"bidder_id\":\"b\",\"amount\":1}", false),
                new Target("PUT", "/v1/sources/s1", admin, "{\"kind\":\"generic\",\"token\":\"" + TOKEN + "\"}", false),
                new Target("POST", "/v1/webhooks/" + generic, c -> c.header("X-Webhook-Token", TOKEN), "{\"a\":1}", true),
                new Target("POST", "/v1/webhooks/" + trading, none, "{\"symbol\":\"A\",\"side\":\"buy\",\"quantity\":1}", false),
                new Target("PUT", "/v1/accounts/x1", admin, "{\"max_quantity\":1}", true),
                new Target("PUT", "/v1/quizzes/q1", admin, null, false),
                new Target("POST", "/v1/quizzes/q1/answers", client, "{\"user_id\":\"u\",\"question_id\":\"q\",\"option_id\":\"o\"}", false),
                new Target("POST", "/v1/quizzes/q1/close", admin, "{}", true),
                new Target("PUT", "/v1/bots/b1", admin, "{\"token\":\"1:abc\"}", false),
                new Target("POST", "/v1/telegram/" + bot + "/webhook", c -> c.header("X-Telegram-Bot-Api-Secret-Token", TG_SECRET), "{\"update_id\":1}", false),
                new Target("POST", "/v1/bots/" + bot + "/messages", client, "{\"chat_id\":1,\"text\":\"t\"}", false));

        Random random = new Random(SEED);
        List<byte[]> neverValid = neverValidBodies(random, targets);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int tried = 0;
        for (Target t : targets) {
            if (t.path().endsWith("/close")) {
                // takes no body: only header and path attacks can be invalid
            } else {
                for (byte[] body : neverValid) {
                    tried += check(t, t.auth().apply(api.call(t.method(), t.path()).body(body, "application/json")), statuses, failures);
                }
                if (!t.anyObjectIsValid()) {
                    for (String body : wrongTypeObjects()) {
                        tried += check(t, t.auth().apply(api.call(t.method(), t.path()).json(body)), statuses, failures);
                    }
                }
            }
            for (Api.Call attack : headerAttacks(api, t)) {
                tried += check(t, attack, statuses, failures);
            }
        }
        assertThat(failures).as("requests answered 5xx or without problem+json").isEmpty();
        assertThat(topics.totalEndOffsets()).as("nothing published for %d refused requests %s", tried, statuses)
                .isEqualTo(before);
        assertThat(tried).isGreaterThan(400);
    }

    private static int check(Target t, Api.Call call, Map<Integer, Integer> statuses, List<String> failures) {
        Api.Reply r = call.send();
        statuses.merge(r.status(), 1, Integer::sum);
        if (r.status() >= 500 || r.status() < 400 || (!r.isProblem() && r.status() != 400)) {
 failures.add(call + " -> " + r.toString().substring(0, Math.min(300, r.toString().length())));
        }
        return 1;
    }

    private static List<byte[]> neverValidBodies(Random random, List<Target> targets) {
        List<byte[]> out = new ArrayList<>();
        for (String s : List.of("", " ", "null", "true", "0", "-1", "\"str\"", "[]", "[{}]", "{", "}", "{\"a\"}",
                "{\"a\":}", "{\"a\":1,}", "{'a':1}", "{\"a\":NaN}", "{\"a\":-Infinity}", "{\"a\":1e999999}",
                "{\"a\":" + "9".repeat(5000) + "}", "{\"a\":\"\\ud800\"}", "{\"\\udfff\":1}", "{\"a\":\"\\u12\"}",
                "{\"a\":1}{\"b\":2}", "{\"a\":1,\"a\":2}", "{\"a\":\"" + "\u0000" + "\"}", "/* c */{}",
                "[".repeat(5000), "{\"a\":".repeat(200) + "1" + "}".repeat(200))) {
            out.add(s.getBytes(StandardCharsets.UTF_8));
        }
        out.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'});
        out.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'});
        out.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'});
        out.add(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '['});
        out.add(("{\"pad\":\"" + "x".repeat(600 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8));
        for (Target t : targets) {
            if (t.validBody() != null) {
                byte[] valid = t.validBody().getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 3; i++) {
                    out.add(java.util.Arrays.copyOf(valid, random.nextInt(valid.length)));
                }
            }
        }
        for (int i = 0; i < 10; i++) {
            byte[] noise = new byte[1 + random.nextInt(300)];
            random.nextBytes(noise);
            if (noise[0] == '{' || noise[0] == ' ') {
                noise[0] = '#';
            }
            out.add(noise);
        }
        return out;
    }

    private static List<String> wrongTypeObjects() {
        return List.of("{}", "{\"title\":1,\"opens_at\":2,\"closes_at\":[],\"bidder_id\":{},\"amount\":\"1\","
                + "\"kind\":7,\"symbol\":[],\"side\":1,\"quantity\":\"1\",\"user_id\":[],\"question_id\":1,"
                + "\"option_id\":{},\"token\":5,\"chat_id\":\"1\",\"text\":[],\"update_id\":\"1\",\"questions\":{}}",
                "{\"amount\":1e400,\"quantity\":-0.0,\"price\":0,\"update_id\":-1,\"chat_id\":1.5,"
                + "\"max_quantity\":\"NaN\",\"max_orders_per_minute\":1e3,\"secrets\":\"whsec_x\",\"bidder_id\":\"\\u0007\"}");
    }

    private static List<Api.Call> headerAttacks(Api api, Target t) {
        String body = t.validBody() == null ? "{}" : t.validBody();
        List<Api.Call> out = new ArrayList<>();
        out.add(api.call(t.method(), t.path()).json(body));
        out.add(api.call(t.method(), t.path()).json(body).auth("Bearer not-a-key-0123456789"));
        out.add(api.call(t.method(), t.path()).json(body).auth("Bearer"));
        out.add(api.call(t.method(), t.path()).json(body).auth("Bearer " + "k".repeat(4000)));
        out.add(api.call(t.method(), t.path()).json(body).auth(Api.CLIENT).addHeader("Authorization", Api.ADMIN));
        out.add(api.call(t.method(), t.path()).json(body).header("X-Pad", "p".repeat(20_000)));
        out.add(api.call(t.method(), t.path().replaceFirst("/[^/]+(/|$)", "/bad%20id$1")).json(body));
        out.add(t.auth().apply(api.call(t.method(), t.path().replaceFirst("^(/v1/[^/]+/)[^/]+", "$1" + "x".repeat(65))))
                .json(body));
        if (!t.path().contains("/webhook") && !t.path().contains("/telegram/")) {
            out.add(api.call(t.method(), t.path()).json(body).auth(Api.CLIENT.replace("Bearer", "Basic")));
        }
        if (t.method().equals("PUT") || t.path().endsWith("/close")) {
            out.add(api.call(t.method(), t.path()).json(body).auth(Api.CLIENT));
        }
        if (t.path().startsWith("/v1/webhooks/")) {
            long now = Instant.now().getEpochSecond();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String good = StandardWebhooks.signature(SECRET, "id1", Long.toString(now), bytes);
            out.add(api.call("POST", t.path()).json(body).header("webhook-id", "id1")
                    .header("webhook-timestamp", Long.toString(now)).header("webhook-signature", "v1,garbage!!"));
            out.add(api.call("POST", t.path()).json(body).header("webhook-id", "id1")
                    .header("webhook-timestamp", "soon").header("webhook-signature", good));
            out.add(api.call("POST", t.path()).json(body).header("webhook-id", "id1")
                    .header("webhook-timestamp", Long.toString(now - 3600)).header("webhook-signature",
                            StandardWebhooks.signature(SECRET, "id1", Long.toString(now - 3600), bytes)));
            out.add(api.call("POST", t.path()).json(body).header("webhook-timestamp", Long.toString(now))
                    .header("webhook-signature", good));
            out.add(api.call("POST", t.path()).json(body).header("webhook-id", "id1")
                    .header("webhook-timestamp", Long.toString(now)).header("webhook-signature", good)
                    .addHeader("webhook-signature", good));
            out.add(api.call("POST", t.path() + "?token=%C3%28").json(body));
            out.add(api.call("POST", t.path() + "?token=" + TOKEN + "x").json(body));
        }
        if (t.path().startsWith("/v1/telegram/")) {
            out.add(api.call("POST", t.path()).json(body).header("X-Telegram-Bot-Api-Secret-Token", TG_SECRET + "x"));
            out.add(api.call("POST", t.path()).json(body).header("X-Telegram-Bot-Api-Secret-Token", TG_SECRET)
                    .addHeader("X-Telegram-Bot-Api-Secret-Token", TG_SECRET));
        }
        if (!t.path().endsWith("/close")) {
            out.add(t.auth().apply(api.call(t.method(), t.path()).body(body.getBytes(), "text/plain")));
            out.add(t.auth().apply(api.call(t.method(), t.path()).body(body.getBytes(), "application/json; charset=utf-16")));
        }
        return out;
    }
}
