package io.ackflow.fakes.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.schema.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FakeTelegramServerTest {
    private static final String TOKEN = "4242:fake-test-token";
    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final FakeTelegramServer fake = FakeTelegramServer.start(0, now::get);
    private final HttpClient http = HttpClient.newHttpClient();
    private long chat = 1_000;

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void rateLimitForAnswers429WithRetryAfterUntilTheSpellEndsThenDelivers() throws Exception {
        fake.rateLimitFor(Duration.ofSeconds(5), 3);

        HttpResponse<String> limited = send("sendMessage", "{\"chat_id\":" + chat + ",\"text\":\"hi\"}");
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        HttpResponse<String> after = send("sendMessage", "{\"chat_id\":" + (chat + 1) + ",\"text\":\"hi\"}");

        assertThat(limited.statusCode()).isEqualTo(429);
        JsonNode body = Json.tree(limited.body().getBytes());
        assertThat(body.path("parameters").path("retry_after").asInt()).isEqualTo(3);
        assertThat(body.path("ok").asBoolean()).isFalse();
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(fake.delivered()).extracting(FakeTelegramServer.Call::chatId).containsExactly(chat + 1);
    }

    @Test
    void failForAnswers5xxToEveryChatThenRecovers() throws Exception {
        fake.failFor(Duration.ofSeconds(4), 502);

        int during = send("sendMessage", "{\"chat_id\":" + chat + ",\"text\":\"a\"}").statusCode();
        int otherChat = send("sendMessage", "{\"chat_id\":" + (chat + 7) + ",\"text\":\"b\"}").statusCode();
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        int after = send("sendMessage", "{\"chat_id\":" + chat + ",\"text\":\"c\"}").statusCode();

        assertThat(during).isEqualTo(502);
        assertThat(otherChat).isEqualTo(502);
        assertThat(after).isEqualTo(200);
        assertThat(fake.count(502)).isEqualTo(2);
    }

    @Test
    void slowForDelaysAnswersOnlyDuringTheSpell() throws Exception {
        fake.slowFor(Duration.ofSeconds(10), Duration.ofMillis(300));

        long slow = timed(() -> send("sendMessage", "{\"chat_id\":" + chat + ",\"text\":\"a\"}"));
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        send("getMe", "{}");
        long fast = timed(() -> send("getMe", "{}"));

        assertThat(slow).isGreaterThanOrEqualTo(300);
        assertThat(fast).isLessThan(300);
    }

    @Test
    void callbackAnswersAreRecordedWithTheirCallbackQueryId() throws Exception {
        send("answerCallbackQuery", "{\"chat_id\":" + chat + ",\"callback_query_id\":\"cb-9\",\"text\":\"ok\"}");

        assertThat(fake.delivered()).singleElement().satisfies(c -> {
            assertThat(c.method()).isEqualTo("answerCallbackQuery");
            assertThat(c.callbackQueryId()).isEqualTo("cb-9");
            assertThat(c.botId()).isEqualTo("4242");
        });
    }

    @Test
    void clearInjectionsEndsASpellAtOnce() throws Exception {
        fake.failFor(Duration.ofMinutes(1), 500).clearInjections();

        assertThat(send("getMe", "{}").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(String method, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/bot" + TOKEN + "/" + method))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private interface Call {
        void run() throws Exception;
    }

    private static long timed(Call call) throws Exception {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1_000_000;
    }
}
