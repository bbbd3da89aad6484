package io.ackflow.fakes.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeBrokerServerTest {
    private final AtomicLong now = new AtomicLong(7_000_000_000L);
    private final FakeBrokerServer fake = FakeBrokerServer.start(now::get);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void rateLimitForAnswers429WithRetryAfterAndPlacesNothingUntilTheSpellEnds() throws Exception {
        fake.rateLimitFor(Duration.ofSeconds(5), 2);

        HttpResponse<String> limited = post("o-1");
        HttpResponse<String> lookup = lookup("o-1");
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        HttpResponse<String> placed = post("o-1");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("2");
        assertThat(limited.body()).contains("\"retry_after\":2");
        assertThat(lookup.statusCode()).isEqualTo(429);
        assertThat(placed.statusCode()).isEqualTo(201);
        assertThat(fake.ordersFor("o-1")).hasSize(1);
    }

    @Test
    void failForAnswers5xxToPostsAndLookupsThenRecovers() throws Exception {
        fake.failFor(Duration.ofSeconds(3), 503);

        int post = post("o-2").statusCode();
        int lookup = lookup("o-2").statusCode();
        now.addAndGet(Duration.ofSeconds(3).toNanos());

        assertThat(post).isEqualTo(503);
        assertThat(lookup).isEqualTo(503);
        assertThat(fake.orders()).isEmpty();
        assertThat(post("o-2").statusCode()).isEqualTo(201);
    }

    @Test
    void slowForDelaysAnswersOnlyDuringTheSpell() throws Exception {
        fake.slowFor(Duration.ofSeconds(10), Duration.ofMillis(300));

        long start = System.nanoTime();
        post("o-3");
        long slowMs = (System.nanoTime() - start) / 1_000_000;
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        start = System.nanoTime();
        post("o-4");
        long fastMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(slowMs).isGreaterThanOrEqualTo(300);
        assertThat(fastMs).isLessThan(300);
    }

    @Test
    void submissionLogRecordsEveryPostWithItsAnswerAndTheDedupedResubmission() throws Exception {
        fake.failFor(Duration.ofSeconds(1), 500);
        post("o-5");
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        post("o-5");
        post("o-5");

        assertThat(fake.submissions()).extracting(FakeBrokerServer.Submission::clientOrderId,
                        FakeBrokerServer.Submission::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("o-5", 500),
                        org.assertj.core.groups.Tuple.tuple("o-5", FakeBrokerServer.Submission.CREATED),
                        org.assertj.core.groups.Tuple.tuple("o-5", FakeBrokerServer.Submission.EXISTING));
        assertThat(fake.ordersFor("o-5")).hasSize(1);
    }

    private HttpResponse<String> post(String clientOrderId) throws IOException, InterruptedException {
        String body = "{\"client_order_id\":\"" + clientOrderId
                + "\",\"symbol\":\"AAPL\",\"side\":\"buy\",\"quantity\":1,\"order_type\":\"market\"}";
        return http.send(HttpRequest.newBuilder(fake.baseUrl().resolve("/v1/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> lookup(String clientOrderId) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v1/orders?client_order_id="
                + clientOrderId)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
