package io.ackflow.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ackflow.schema.EventIds;
import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Headers;
import io.ackflow.schema.Json;
import io.ackflow.schema.RecordHeaders;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.EventOutcome;
import io.ackflow.schema.event.GradedAnswer;
import io.ackflow.schema.event.QuizAnswer;
import io.ackflow.schema.event.QuizClose;
import io.ackflow.schema.event.QuizDefined;
import io.ackflow.schema.event.TelegramSend;
import io.ackflow.schema.event.TelegramUpdateReceived;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class QuizWorkerIT extends WorkersITBase {

    static QuizDefined quiz(String quizId, String botId, Instant opens, Instant closes) {
        return new QuizDefined(quizId, "Capitals", botId, List.of(), opens, closes, List.of(
                new QuizDefined.Question("q1", "Capital of France?", List.of(
                        new QuizDefined.Option("o1", "Paris"), new QuizDefined.Option("o2", "Rome")), "o1"),
                new QuizDefined.Question("q2", "Capital of Italy?", List.of(
                        new QuizDefined.Option("o1", "Paris"), new QuizDefined.Option("o2", "Rome")), "o2")), 3);
    }

    static String answer(String quizId, String user, String question, String option) {
        String eventId = newEventId();
        send(Topics.QUIZ_ANSWERS, quizId, new QuizAnswer(eventId, quizId, user, question, option, Instant.now(), "http",
                null, null), EventTypes.QUIZ_ANSWER, eventId);
        return eventId;
    }

    static List<GradedAnswer> graded(String quizId) {
        return tap.values(Topics.QUIZ_GRADED, GradedAnswer.class, g -> quizId.equals(g.quizId()) && g.userId() != null);
    }

    static List<TelegramSend> sent(long chatId) {
        return tap.values(Topics.TELEGRAM_OUTBOUND, TelegramSend.class, s -> s.chatId() != null && s.chatId() == chatId);
    }

    @Test
    void fullQuizThroughHttpAnswersIsGradedAndClosedBehindItsAnswers() {
        String quizId = id("quiz");
        Instant now = Instant.now();
        define(Topics.QUIZZES, quizId, quiz(quizId, "bot-x", now.minus(1, ChronoUnit.MINUTES), now.plus(1, ChronoUnit.HOURS)));

        String a1 = answer(quizId, "alice", "q1", "o1");
        String a2 = answer(quizId, "alice", "q2", "o1");
        String b1 = answer(quizId, "bob", "q1", "o2");
        String badOption = answer(quizId, "bob", "q2", "o9");
        String badQuestion = answer(quizId, "bob", "q9", "o1");
        String closeId = EventIds.derive("quiz-close", quizId);
        send(Topics.QUIZ_ANSWERS, quizId, new QuizClose(closeId, quizId, Instant.now()), EventTypes.QUIZ_CLOSE, closeId);

        assertThat(outcome(a1).refs()).containsEntry("correct", "true").containsEntry("points", "1");
        assertThat(outcome(a2).refs()).containsEntry("correct", "false").containsEntry("points", "0");
        assertThat(outcome(b1).refs()).containsEntry("correct", "false");
        assertThat(outcome(badOption).reason()).isEqualTo("unknown_option");
        assertThat(outcome(badQuestion).reason()).isEqualTo("unknown_question");
        assertThat(outcome(closeId).status()).isEqualTo(EventOutcome.Status.accepted);
        assertThat(graded(quizId)).extracting(GradedAnswer::eventId).containsExactly(a1, a2, b1);

        List<ConsumerRecord<String, byte[]>> onGraded = tap.byKey(Topics.QUIZ_GRADED, quizId);
        ConsumerRecord<String, byte[]> last = onGraded.get(onGraded.size() - 1);
        assertThat(RecordHeaders.get(last.headers(), Headers.EVENT_TYPE)).isEqualTo(EventTypes.QUIZ_CLOSED);
        assertThat(Json.read(last.value(), QuizClose.class).quizId()).isEqualTo(quizId);
        assertThat(onGraded).hasSize(4);
    }

    @Test
    void answersOutsideTheQuizWindowAndForUnknownQuizzesAreRejected() {
        String closed = id("quiz");
        Instant now = Instant.now();
        define(Topics.QUIZZES, closed, quiz(closed, "bot-x", now.minus(2, ChronoUnit.HOURS), now.minus(1, ChronoUnit.HOURS)));
        String late = answer(closed, "carol", "q1", "o1");
        String unknown = answer(id("quiz"), "carol", "q1", "o1");
        assertThat(outcome(late).reason()).isEqualTo("quiz_closed");
        assertThat(outcome(unknown).reason()).isEqualTo("unknown_quiz");
    }

    @Test
    void fullQuizThroughTelegramCallbackUpdates() {
        String bot = id("bot");
        String quizId = id("quiz");
        Instant now = Instant.now();
        define(Topics.QUIZZES, quizId, quiz(quizId, bot, now.minus(1, ChronoUnit.MINUTES), now.plus(1, ChronoUnit.HOURS)));
        long chat = System.nanoTime() % 1_000_000_000L;
        long user = chat;

        update(bot, 1, message(chat, "/start"));
        update(bot, 2, message(chat, "/quiz"));
        update(bot, 2, message(chat, "/quiz")); // redelivered: same message id, the sender dedupes
        TelegramSend first = await().atMost(WAIT).until(() -> find(chat, "tg:" + bot + ":2:quiz"), l -> l.size() >= 2)
                .get(0);
        assertThat(find(chat, "tg:" + bot + ":1:welcome")).isNotEmpty();
        assertThat(first.botId()).isEqualTo(bot);
        String data = first.params().path("reply_markup").path("inline_keyboard").get(0).get(0)
                .path("callback_data").asString();
        assertThat(data).isEqualTo("a:" + quizId + ":q1:o1");
        assertThat(data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64);

        update(bot, 3, callback("cb-" + chat + "-1", user, chat, data));
        update(bot, 4, callback("cb-" + chat + "-2", user, chat, "a:" + quizId + ":q2:o2"));
        update(bot, 5, message(chat, "hello"));

        await().atMost(WAIT).until(() -> graded(quizId).size() >= 2);
        assertThat(graded(quizId)).extracting(GradedAnswer::questionId, GradedAnswer::correct, GradedAnswer::chatId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("q1", true, chat),
                        org.assertj.core.groups.Tuple.tuple("q2", true, chat));
        String answerId = EventIds.derive("telegram-callback", bot + ":cb-" + chat + "-1");
        assertThat(outcome(answerId).status()).isEqualTo(EventOutcome.Status.accepted);

        List<TelegramSend> feedback = await().atMost(WAIT)
                .until(() -> find(chat, "cbq:cb-" + chat + "-2"), l -> !l.isEmpty());
        assertThat(feedback.get(0).method()).isEqualTo(TelegramSend.ANSWER_CALLBACK_QUERY);
        assertThat(feedback.get(0).params().path("text").asString()).startsWith("Correct");
        assertThat(find(chat, "quiz-q:" + quizId + ":q2:" + user)).isNotEmpty();
        await().atMost(WAIT).until(() -> find(chat, "quiz-done:" + quizId + ":" + user), l -> !l.isEmpty());
    }

    @Test
    void scheduledCloserClosesAQuizWhenItsTimeIsUp() {
        String quizId = id("quiz");
        Instant now = Instant.now();
        define(Topics.QUIZZES, quizId, quiz(quizId, "bot-x", now.minus(1, ChronoUnit.MINUTES), now.plusMillis(500)));
        String closeId = EventIds.derive("quiz-close", quizId);
        assertThat(outcome(closeId).status()).isEqualTo(EventOutcome.Status.accepted);
        List<QuizClose> markers = await().atMost(WAIT).until(() -> tap.values(Topics.QUIZ_GRADED, QuizClose.class,
                c -> quizId.equals(c.quizId()) && closeId.equals(c.eventId())), l -> !l.isEmpty());
        assertThat(markers).hasSize(1);
    }

    private static List<TelegramSend> find(long chat, String messageId) {
        return sent(chat).stream().filter(s -> messageId.equals(s.messageId())).toList();
    }

    private static ObjectNode message(long chat, String text) {
        ObjectNode u = Json.MAPPER.createObjectNode();
        ObjectNode m = u.putObject("message");
        m.put("message_id", 1).put("text", text);
        m.putObject("chat").put("id", chat).put("type", "private");
        m.putObject("from").put("id", chat);
        return u;
    }

    private static ObjectNode callback(String id, long user, long chat, String data) {
        ObjectNode u = Json.MAPPER.createObjectNode();
        ObjectNode c = u.putObject("callback_query");
        c.put("id", id).put("data", data);
        c.putObject("from").put("id", user);
        c.putObject("message").putObject("chat").put("id", chat);
        return u;
    }

    private static void update(String bot, long updateId, ObjectNode update) {
        String eventId = EventIds.derive("telegram:" + bot, Long.toString(updateId));
        update.put("update_id", updateId);
        long chat = update.has("message") ? update.path("message").path("chat").path("id").asLong()
                : update.path("callback_query").path("message").path("chat").path("id").asLong();
        send(Topics.TELEGRAM_UPDATES, Long.toString(chat),
                new TelegramUpdateReceived(eventId, bot, updateId, Instant.now(), update), EventTypes.TELEGRAM_UPDATE,
                eventId);
    }
}
