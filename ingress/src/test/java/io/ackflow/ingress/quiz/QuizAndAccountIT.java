package io.ackflow.ingress.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.embedded.EmbeddedStack;
import io.ackflow.ingress.support.Api;
import io.ackflow.ingress.support.IngressIT;
import io.ackflow.ingress.support.Topics;
import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Headers;
import io.ackflow.schema.Json;
import io.ackflow.schema.RecordHeaders;
import io.ackflow.schema.event.AccountDefined;
import io.ackflow.schema.event.QuizAnswer;
import io.ackflow.schema.event.QuizClose;
import io.ackflow.schema.event.QuizDefined;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IngressIT
class QuizAndAccountIT {
    static final String QUIZ = "{\"title\":\"Capitals\",\"bot_id\":\"quizbot\",\"chat_ids\":[-100123, 42],"
            + "\"opens_at\":\"2030-01-01T10:00:00Z\",\"closes_at\":\"2030-01-01T11:00:00Z\",\"reward_top_n\":3,"
            + "\"questions\":[{\"id\":\"q1\",\"text\":\"Capital of France?\",\"options\":[{\"id\":\"a\",\"text\":\"Paris\"},"
            + "{\"id\":\"b\",\"text\":\"Lyon\"}],\"correct_option_id\":\"a\"}]}";

    @LocalServerPort
    int port;

    Api api;
    Topics topics;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        topics = new Topics(EmbeddedStack.current().bootstrapServers());
    }

    @Test
    void quizDefinitionAnswersAndCloseGoOutInOrderOnOneKey() {
        String quiz = Api.randomId("quiz");
        Api.Reply def = api.put("/v1/quizzes/" + quiz, QUIZ).send();
        assertThat(def.status()).as(def.toString()).isEqualTo(200);
        QuizDefined stored = Json.read(topics.awaitRecords(io.ackflow.schema.Topics.QUIZZES, quiz, 1).get(0).value(),
                QuizDefined.class);
        assertThat(stored.chatIds()).containsExactly(-100123L, 42L);
        assertThat(stored.questions().get(0).correctOptionId()).isEqualTo("a");

        Api.Reply answer = api.post("/v1/quizzes/" + quiz + "/answers",
                "{\"user_id\":\"u1\",\"question_id\":\"q1\",\"option_id\":\"a\"}").send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        Api.Reply close = api.call("POST", "/v1/quizzes/" + quiz + "/close").auth(Api.ADMIN).send();
        assertThat(close.status()).as(close.toString()).isEqualTo(202);

        List<ConsumerRecord<String, byte[]>> recs = topics.awaitRecords(io.ackflow.schema.Topics.QUIZ_ANSWERS, quiz, 2);
        assertThat(RecordHeaders.get(recs.get(0).headers(), Headers.EVENT_TYPE)).isEqualTo(EventTypes.QUIZ_ANSWER);
        QuizAnswer a = Json.read(recs.get(0).value(), QuizAnswer.class);
        assertThat(a.via()).isEqualTo("http");
        assertThat(a.optionId()).isEqualTo("a");
        assertThat(RecordHeaders.get(recs.get(1).headers(), Headers.EVENT_TYPE)).isEqualTo(EventTypes.QUIZ_CLOSE);
        assertThat(Json.read(recs.get(1).value(), QuizClose.class).quizId()).isEqualTo(quiz);
        assertThat(api.call("POST", "/v1/quizzes/" + quiz + "/close").auth(Api.CLIENT).send().status())
                .as("closing needs the admin token").isEqualTo(403);
    }

    @Test
    void invalidQuizzesNameEveryField() {
        long before = topics.totalEndOffsets();
        Api.Reply r = api.put("/v1/quizzes/" + Api.randomId("quiz"), "{\"title\":\" \",\"opens_at\":\"2030-01-02T00:00:00Z\","
                + "\"closes_at\":\"2030-01-01T00:00:00Z\",\"chat_ids\":[\"x\"],\"questions\":[{\"id\":\"q1\",\"text\":\"?\","
                + "\"options\":[{\"id\":\"a\",\"text\":\"A\"},{\"id\":\"a\",\"text\":\"B\"}],\"correct_option_id\":\"z\"},"
                + "{\"id\":\"q1\",\"text\":\"again\",\"options\":[{\"id\":\"a\",\"text\":\"A\"}],\"correct_option_id\":\"a\"}]}")
                .send();
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder(
                "title", "closes_at", "chat_ids[0]", "questions[0].options[1].id", "questions[0].correct_option_id",
                "questions[1].options", "questions[1].id");
        Api.Reply answer = api.post("/v1/quizzes/" + Api.randomId("quiz") + "/answers",
                "{\"user_id\":1,\"question_id\":\"bad id!\"}").send();
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("user_id", "question_id", "option_id");
        assertThat(topics.totalEndOffsets()).isEqualTo(before);
    }

    @Test
    void accountsArePublishedAndValidated() {
        String account = Api.randomId("acct");
        Api.Reply r = api.put("/v1/accounts/" + account, "{\"allowed_symbols\":[\"AAPL\",\"MSFT\"],\"max_quantity\":1000,"
                + "\"max_notional\":1000000,\"max_orders_per_minute\":60,\"telegram\":{\"bot_id\":\"b1\",\"chat_id\":123}}")
                .send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        AccountDefined stored = Json.read(
                topics.awaitRecords(io.ackflow.schema.Topics.ACCOUNTS, account, 1).get(0).value(), AccountDefined.class);
        assertThat(stored.allowedSymbols()).containsExactly("AAPL", "MSFT");
        assertThat(stored.telegram().chatId()).isEqualTo(123L);
        assertThat(stored.maxOrdersPerMinute()).isEqualTo(60);

        Api.Reply bad = api.put("/v1/accounts/" + account, "{\"allowed_symbols\":[\"A A\"],\"max_quantity\":-1,"
                + "\"max_orders_per_minute\":1.5,\"telegram\":{\"chat_id\":\"x\"}}").send();
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder(
                "allowed_symbols[0]", "max_quantity", "max_orders_per_minute", "telegram.bot_id", "telegram.chat_id");
    }
}
