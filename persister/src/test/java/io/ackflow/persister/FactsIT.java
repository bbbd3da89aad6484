package io.ackflow.persister;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ackflow.schema.EventIds;
import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Json;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.EventOutcome;
import io.ackflow.schema.event.GradedAnswer;
import io.ackflow.schema.event.OrderEvent;
import io.ackflow.schema.event.QuizClose;
import io.ackflow.schema.event.QuizDefined;
import io.ackflow.schema.event.TelegramSend;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FactsIT extends PersisterITSupport {

    @Test
    void eventStatusGoesFromQueuedToTheFirstFinalOutcome() {
        String id = EventIds.random(System.currentTimeMillis());
        assertThat(get("/v1/events/" + id, CLIENT_KEY).statusCode()).isEqualTo(404);

        send(Topics.BIDS_PLACED, "some-auction", "{\"not\":\"read\"}".getBytes(), id, EventTypes.BID_PLACED);
        await().atMost(WAIT).until(() -> get("/v1/events/" + id, CLIENT_KEY).statusCode() == 200);
        JsonNode queued = getJson("/v1/events/" + id);
        assertThat(queued.get("status").asString()).isEqualTo("queued");
        assertThat(queued.get("type").asString()).isEqualTo(EventTypes.BID_PLACED);
        assertThat(queued.get("received_at").isNull()).isFalse();

        Instant now = Instant.now();
        send(Topics.EVENT_OUTCOMES, id, new EventOutcome(id, EventTypes.BID_PLACED, EventOutcome.Status.rejected,
                "auction is closed", now, now, Map.of("auction_id", "a1")), id, EventTypes.EVENT_OUTCOME);
        send(Topics.EVENT_OUTCOMES, id, new EventOutcome(id, EventTypes.BID_PLACED, EventOutcome.Status.accepted,
                null, now, now.plusSeconds(1), Map.of()), id, EventTypes.EVENT_OUTCOME);
        // a late duplicate of the request: must not turn the event back to queued
        send(Topics.BIDS_PLACED, "some-auction", "{}".getBytes(), id, EventTypes.BID_PLACED);

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode e = getJson("/v1/events/" + id);
            assertThat(e.get("status").asString()).isEqualTo("rejected");
            assertThat(e.get("reason").asString()).isEqualTo("auction is closed");
            assertThat(e.get("refs").get("auction_id").asString()).isEqualTo("a1");
        });
        assertThat(get("/v1/events/not-a-uuid", CLIENT_KEY).statusCode()).isEqualTo(400);
    }

    @Test
    void orderStatusOnlyMovesForwardAndKeepsItsFill() {
        String account = id("acct");
        String order = EventIds.random(System.currentTimeMillis());
        Instant t = Instant.parse("2030-02-01T09:00:00Z");
        // delivered out of order: filled first, then created and submitted
        send(Topics.ORDER_EVENTS, account, order(order, account, OrderEvent.Status.filled, new BigDecimal("10"),
                new BigDecimal("187.20"), t.plusSeconds(2)), order, EventTypes.ORDER_EVENT);
        send(Topics.ORDER_EVENTS, account, order(order, account, OrderEvent.Status.created, null, null, t), order,
                EventTypes.ORDER_EVENT);
        send(Topics.ORDER_EVENTS, account, order(order, account, OrderEvent.Status.submitted, null, null,
                t.plusSeconds(1)), order, EventTypes.ORDER_EVENT);

        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> r = get("/v1/orders/" + order, CLIENT_KEY);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode o = Json.MAPPER.readTree(r.body());
            assertThat(o.get("status").asString()).isEqualTo("filled");
            assertThat(o.get("created_at").asString()).isEqualTo(t.toString());
            assertThat(o.get("fills").size()).isPositive();
            assertThat(o.get("fills").get(0).get("quantity").decimalValue()).isEqualByComparingTo("10");
            assertThat(o.get("symbol").asString()).isEqualTo("AAPL");
        });
        JsonNode list = getJson("/v1/accounts/" + account + "/orders?limit=5");
        assertThat(list.get("orders").size()).isEqualTo(1);
        assertThat(list.get("orders").get(0).get("status").asString()).isEqualTo("filled");
    }

    private static OrderEvent order(String orderId, String account, OrderEvent.Status status, BigDecimal filled,
            BigDecimal price, Instant at) {
        return new OrderEvent(orderId, account, "src", status, "AAPL", "buy", new BigDecimal("10"),
                new BigDecimal("187.2"), "market", filled, price, null, null, at);
    }

    @Test
    void quizCountsFirstAnswersAndClosingTwiceQueuesResultsOnce() {
        String quiz = id("quiz");
        Instant t = Instant.parse("2030-03-01T12:00:00Z");
        send(Topics.QUIZZES, quiz, new QuizDefined(quiz, "Capitals", "bot-1", List.of(), t, t.plusSeconds(600),
                List.of(), 1), null, EventTypes.QUIZ_DEFINED);
        // alice: q1 right first, then a later wrong answer that must not count; q2 right
        answer(quiz, "alice", "q1", true, 10, t.plusSeconds(10), 100L);
        answer(quiz, "alice", "q1", false, 0, t.plusSeconds(20), 100L);
        answer(quiz, "alice", "q2", true, 10, t.plusSeconds(40), 100L);
        // bob: q1 right, q2 wrong, then q3 right but after the close: not counted
        answer(quiz, "bob", "q1", true, 10, t.plusSeconds(5), 200L);
        answer(quiz, "bob", "q2", false, 0, t.plusSeconds(6), 200L);
        // carol: one right answer, no chat: ranked, no message
        answer(quiz, "carol", "q1", true, 10, t.plusSeconds(7), null);

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode live = getJson("/v1/quizzes/" + quiz + "/leaderboard");
            assertThat(live.get("closed").asBoolean()).isFalse();
            // an assertion, not a NullPointerException, while no answer is written yet: untilAsserted retries only those
            assertThat(live.get("entries").size()).isPositive();
            assertThat(live.get("entries").get(0).get("user_id").asString()).isEqualTo("alice");
            assertThat(live.get("entries").get(0).get("score").asLong()).isEqualTo(20);
        });

        Instant closedAt = t.plusSeconds(100);
        close(quiz, closedAt);
        answer(quiz, "bob", "q3", true, 10, closedAt.plusSeconds(1), 200L);
        close(quiz, closedAt.plusSeconds(50));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode board = getJson("/v1/quizzes/" + quiz + "/leaderboard");
            assertThat(board.get("closed").asBoolean()).isTrue();
            assertThat(board.get("entries").size()).isEqualTo(3);
            assertThat(board.get("entries").get(0).get("user_id").asString()).isEqualTo("alice");
            // bob and carol both have 10: bob's last correct answer (t+5) is earlier than carol's (t+7)
            assertThat(board.get("entries").get(1).get("user_id").asString()).isEqualTo("bob");
            assertThat(board.get("entries").get(1).get("score").asLong()).isEqualTo(10);
            assertThat(board.get("entries").get(2).get("user_id").asString()).isEqualTo("carol");
        });
        assertThat(jdbc().queryForObject("SELECT count(*) FROM quiz_results WHERE quiz_id = ? AND rewarded",
                Integer.class, quiz)).isEqualTo(1);

        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc().queryForObject(
                "SELECT count(*) FROM outbox WHERE message_id LIKE ? AND published_at IS NOT NULL", Integer.class,
                "quiz-result:" + quiz + ":%")).isEqualTo(2));
        List<TelegramSend> sent = readAll(Topics.TELEGRAM_OUTBOUND).stream()
                .map(ConsumerRecord::value)
                .map(v -> Json.read(v, TelegramSend.class))
                .filter(s -> s.messageId().startsWith("quiz-result:" + quiz + ":"))
                .toList();
        assertThat(sent).extracting(TelegramSend::messageId).containsExactlyInAnyOrder(
                "quiz-result:" + quiz + ":alice", "quiz-result:" + quiz + ":bob");
        TelegramSend alice = sent.stream().filter(s -> s.chatId() == 100L).findFirst().orElseThrow();
        assertThat(alice.botId()).isEqualTo("bot-1");
        assertThat(alice.params().get("text").asString()).contains("#1").contains("20 points");
    }

    private static void answer(String quiz, String user, String question, boolean correct, int points, Instant at,
            Long chat) {
        String id = EventIds.random(at.toEpochMilli());
        send(Topics.QUIZ_GRADED, quiz, new GradedAnswer(id, quiz, user, question, "opt", correct, points, at, chat),
                id, EventTypes.QUIZ_ANSWER_GRADED);
    }

    private static void close(String quiz, Instant at) {
        String id = EventIds.random(at.toEpochMilli());
        send(Topics.QUIZ_GRADED, quiz, new QuizClose(id, quiz, at), id, EventTypes.QUIZ_CLOSED);
    }
}
