package io.ackflow.fakes.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeTelegramHangTest {
    private static final String TOKEN = "123456:test-token";

    private final FakeTelegramServer fake = FakeTelegramServer.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        fake.close();
    }

    private HttpRequest sendMessage(long chatId, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/bot" + TOKEN + "/sendMessage"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"chat_id\":" + chatId + ",\"text\":\"hi\"}"))
                .build();
    }

    @Test
    void hangingFakeAcceptsTheCallButNeverAnswersIt() {
        fake.hangAll();

        assertThatThrownBy(() -> http.send(sendMessage(1, Duration.ofMillis(300)), HttpResponse.BodyHandlers.ofString()))
                .as("connected, then no answer (not a connect timeout)")
                .isExactlyInstanceOf(HttpTimeoutException.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.heldCalls() == 1);
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void heldCallsAreAnsweredOnceTheFakeStopsHanging() {
        fake.hangAll();
        CompletableFuture<HttpResponse<String>> held =
                http.sendAsync(sendMessage(2, Duration.ofSeconds(30)), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.heldCalls() == 1);
        assertThat(held).isNotDone();

        fake.stopHanging();

        assertThat(held).succeedsWithin(Duration.ofSeconds(10)).extracting(HttpResponse::statusCode).isEqualTo(200);
        assertThat(fake.heldCalls()).isZero();
        assertThat(fake.delivered(2)).hasSize(1);
    }

    @Test
    void clearInjectionsEndsAHang() throws Exception {
        fake.hangAll().clearInjections();

        HttpResponse<String> answer = http.send(sendMessage(3, Duration.ofSeconds(10)), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"ok\":true");
    }
}
