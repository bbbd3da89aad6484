package io.ackflow.ingress.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.embedded.EmbeddedStack;
import io.ackflow.ingress.support.Api;
import io.ackflow.ingress.support.IngressIT;
import io.ackflow.ingress.support.Topics;
import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Headers;
import io.ackflow.schema.Json;
import io.ackflow.schema.RecordHeaders;
import io.ackflow.schema.event.BotDefined;
import io.ackflow.schema.event.TelegramSend;
import io.ackflow.schema.event.TelegramUpdateReceived;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IngressIT
class TelegramIT {
    static final String TOKEN = "123456:ABC-def_ghi";
    static final String SECRET = "hook-secret_123";

    @LocalServerPort
    int port;

    Api api;
    Topics topics;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        topics = new Topics(EmbeddedStack.current().bootstrapServers());
    }

    String bot() {
        String bot = Api.randomId("bot");
        Api.Reply r = api.put("/v1/bots/" + bot, "{\"token\":\"" + TOKEN + "\",\"webhook_secret\":\"" + SECRET
                + "\",\"limits\":{\"global_per_second\":30,\"per_chat_per_second\":1,\"per_group_per_minute\":20}}").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.text()).doesNotContain(TOKEN).doesNotContain(SECRET).contains("\"has_token\":true");
        BotDefined stored = Json.read(topics.awaitRecords(io.ackflow.schema.Topics.BOTS, bot, 1).get(0).value(),
                BotDefined.class);
        assertThat(stored.token()).isEqualTo(TOKEN);
        return bot;
    }

    @Test
    void updateWithTheRightSecretIsPublishedKeyedByChatAndRetriesDedupe() {
        String bot = bot();
        long chat = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        long updateId = ThreadLocalRandom.current().nextLong(1, 1L << 40);
        String update = "{\"update_id\":" + updateId + ",\"callback_query\":{\"id\":\"cb1\",\"from\":{\"id\":7},"
                + "\"message\":{\"message_id\":1,\"chat\":{\"id\":" + chat + ",\"type\":\"private\"}},\"data\":\"q:1:a\"}}";
        Api.Reply r = api.call("POST", "/v1/telegram/" + bot + "/webhook").json(update)
                .header("X-Telegram-Bot-Api-Secret-Token", SECRET).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Api.Reply retry = api.call("POST", "/v1/telegram/" + bot + "/webhook").json(update)
                .header("X-Telegram-Bot-Api-Secret-Token", SECRET).send();
        assertThat(retry.json().get("id").asString()).isEqualTo(r.json().get("id").asString());

        ConsumerRecord<String, byte[]> rec =
                topics.awaitRecords(io.ackflow.schema.Topics.TELEGRAM_UPDATES, Long.toString(chat), 2).get(0);
        assertThat(RecordHeaders.get(rec.headers(), Headers.EVENT_TYPE)).isEqualTo(EventTypes.TELEGRAM_UPDATE);
        TelegramUpdateReceived u = Json.read(rec.value(), TelegramUpdateReceived.class);
        assertThat(u.botId()).isEqualTo(bot);
        assertThat(u.updateId()).isEqualTo(updateId);
        assertThat(u.update().get("callback_query").get("data").asString()).isEqualTo("q:1:a");
    }

    @Test
    void wrongOrMissingSecretIsForbiddenAndNotPublished() {
        String bot = bot();
        long before = topics.totalEndOffsets();
        String update = "{\"update_id\":1,\"message\":{\"message_id\":1,\"chat\":{\"id\":5},\"text\":\"/start\"}}";
        Api.Reply wrong = api.call("POST", "/v1/telegram/" + bot + "/webhook").json(update)
                .header("X-Telegram-Bot-Api-Secret-Token", "wrong").send();
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.isProblem()).isTrue();
        assertThat(wrong.text()).doesNotContain(SECRET);
        assertThat(api.call("POST", "/v1/telegram/" + bot + "/webhook").json(update).send().status()).isEqualTo(403);
        assertThat(topics.totalEndOffsets()).isEqualTo(before);
    }

    @Test
    void messagesAreQueuedKeyedByChatWithIdempotentMessageIds() {
        String bot = bot();
        long chat = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        String body = "{\"chat_id\":" + chat + ",\"text\":\"Hello *there*\",\"parse_mode\":\"MarkdownV2\","
                + "\"reply_markup\":{\"inline_keyboard\":[[{\"text\":\"A\",\"callback_data\":\"a\"}]]}}";
        Api.Reply r = api.post("/v1/bots/" + bot + "/messages", body).header("Idempotency-Key", "m-1").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        Api.Reply again = api.post("/v1/bots/" + bot + "/messages", body).header("Idempotency-Key", "m-1").send();
        assertThat(again.json().get("id").asString()).isEqualTo(r.json().get("id").asString());

        ConsumerRecord<String, byte[]> rec =
                topics.awaitRecords(io.ackflow.schema.Topics.TELEGRAM_OUTBOUND, Long.toString(chat), 2).get(0);
        TelegramSend send = Json.read(rec.value(), TelegramSend.class);
        assertThat(send.messageId()).isEqualTo(r.json().get("id").asString());
        assertThat(send.method()).isEqualTo(TelegramSend.SEND_MESSAGE);
        assertThat(send.chatId()).isEqualTo(chat);
        assertThat(send.params().get("text").asString()).isEqualTo("Hello *there*");
        assertThat(send.params().get("parse_mode").asString()).isEqualTo("MarkdownV2");
        assertThat(send.params().get("reply_markup").get("inline_keyboard").get(0).get(0).get("text").asString())
                .isEqualTo("A");

        long before = topics.totalEndOffsets();
        Api.Reply bad = api.post("/v1/bots/" + bot + "/messages", "{\"chat_id\":\"12\",\"text\":\"\",\"parse_mode\":\"rtf\"}")
                .send();
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("chat_id", "text",
                "parse_mode");
        assertThat(api.post("/v1/bots/" + Api.randomId("nobot") + "/messages", body).send().status()).isEqualTo(404);
        assertThat(topics.totalEndOffsets()).isEqualTo(before);
    }
}
