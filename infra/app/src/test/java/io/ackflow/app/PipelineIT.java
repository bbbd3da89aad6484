package io.ackflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ackflow.embedded.EmbeddedStackInitializer;
import io.ackflow.schema.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/** The whole pipeline in one process, as {@code ./ackflow dev} runs it: HTTP in, Kafka, workers, PostgreSQL, HTTP out. */
@SpringBootTest(
        classes = AckflowApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ackflow.security.admin-token=" + PipelineIT.ADMIN,
            "ackflow.security.api-keys=" + PipelineIT.KEY,
            "ackflow.persister.flush-interval=200ms"
        })
@ContextConfiguration(initializers = EmbeddedStackInitializer.ForTests.class)
class PipelineIT {
    static final String ADMIN = "pipeline-admin-token-0123456789";
    static final String KEY = "pipeline-client-key-0123456789";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void bidPostedOverHttpAppearsInTheLeaderboardWithItsStatus() throws Exception {
        String auction = "a-" + UUID.randomUUID();
        assertThat(send("PUT", "/v1/auctions/" + auction, ADMIN,
                        "{\"title\":\"Lamp\",\"opens_at\":\"2020-01-01T00:00:00Z\",\"closes_at\":\"2099-01-01T00:00:00Z\"}")
                .statusCode()).isEqualTo(200);

        String first = bid(auction, "alice", "10.00", "Alice");
        bid(auction, "bob", "12.00", "Bob");
        bid(auction, "alice", "15.50", "Alice");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode board = json(send("GET", "/v1/auctions/" + auction + "/leaderboard?limit=10", KEY, null));
            assertThat(board.get("entries")).hasSize(2);
            assertThat(board.get("entries").get(0).get("bidder_id").asString()).isEqualTo("alice");
            assertThat(board.get("entries").get(0).get("amount").decimalValue()).isEqualByComparingTo("15.50");
            assertThat(board.get("entries").get(0).get("display_name").asString()).isEqualTo("Alice");
            assertThat(board.get("entries").get(1).get("bidder_id").asString()).isEqualTo("bob");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        json(send("GET", "/v1/events/" + first, KEY, null)).get("status").asString())
                .isEqualTo("accepted"));
    }

    @Test
    void bidForAClosedAuctionIsRejectedAndItsStatusSaysWhy() throws Exception {
        String auction = "closed-" + UUID.randomUUID();
        send("PUT", "/v1/auctions/" + auction, ADMIN,
                "{\"title\":\"Old\",\"opens_at\":\"2020-01-01T00:00:00Z\",\"closes_at\":\"2020-01-02T00:00:00Z\"}");
        String id = bid(auction, "carol", "5.00", null);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode event = json(send("GET", "/v1/events/" + id, KEY, null));
            assertThat(event.get("status").asString()).isEqualTo("rejected");
            assertThat(event.get("reason").asString()).containsIgnoringCase("closed");
        });
    }

    @Test
    void aRequestTomcatRefusesItselfStillGetsProblemJson() throws Exception {
        HttpResponse<String> r = send("POST", "/v1/auctions/a%2Fb/bids", KEY, "{\"bidder_id\":\"x\",\"amount\":1}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json(r);
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
        assertThat(r.body()).doesNotContain(KEY).doesNotContain("a%2Fb");
    }

    private String bid(String auction, String bidder, String amount, String name) throws Exception {
        String body = "{\"bidder_id\":\"" + bidder + "\",\"amount\":" + amount
                + (name == null ? "" : ",\"display_name\":\"" + name + "\"") + "}";
        HttpResponse<String> r = send("POST", "/v1/auctions/" + auction + "/bids", KEY, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode ack = json(r);
        assertThat(ack.get("status").asString()).isEqualTo("queued");
        return ack.get("id").asString();
    }

    private HttpResponse<String> send(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) {
        return Json.MAPPER.readTree(r.body());
    }
}
