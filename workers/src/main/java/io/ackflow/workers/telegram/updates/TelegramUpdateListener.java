package io.ackflow.workers.telegram.updates;

import io.ackflow.schema.ConsumerGroups;
import io.ackflow.schema.EventIds;
import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Headers;
import io.ackflow.schema.Json;
import io.ackflow.schema.RecordHeaders;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.EventOutcome;
import io.ackflow.schema.event.QuizAnswer;
import io.ackflow.schema.event.QuizDefined;
import io.ackflow.schema.event.TelegramSend;
import io.ackflow.schema.event.TelegramUpdateReceived;
import io.ackflow.workers.quiz.QuizCallbackData;
import io.ackflow.workers.quiz.QuizMessages;
import io.ackflow.workers.support.ReferenceData;
import io.ackflow.workers.support.ReferenceNotCurrentException;
import io.ackflow.workers.support.WorkerListener;
import io.ackflow.workers.support.WorkerMetrics;
import io.ackflow.workers.support.WorkerPublisher;
import io.ackflow.workers.support.WorkerRecords;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Group {@link ConsumerGroups#TELEGRAM_UPDATE_WORKER} on {@link Topics#TELEGRAM_UPDATES}:
 *
 * <ul>
 *   <li>{@code /start}: a welcome message;
 *   <li>{@code /quiz}: the first question of the bot's open quiz (the one closing first), or "no quiz open";
 *   <li>a {@code callback_query} with answer data ({@link QuizCallbackData}): a {@link QuizAnswer} on {@link
 *       Topics#QUIZ_ANSWERS} (event id derived from the callback query id, so a redelivered update is one answer); the
 *       quiz worker grades it and answers the callback query;
 *   <li>anything else: acknowledged and ignored.
 * </ul>
 *
 * Replies are {@link TelegramSend}s with message ids derived from the update ({@code tg:<bot>:<update_id>:<what>}), so
 * a redelivered update never sends twice.
 */
@Component
public class TelegramUpdateListener extends WorkerListener {
    static final String WELCOME = "Welcome! Send /quiz to play the open quiz.";
    static final String NO_QUIZ = "No quiz is open right now.";

    private final ReferenceData reference;
    private final WorkerPublisher publisher;

    public TelegramUpdateListener(
            ReferenceData reference, WorkerPublisher publisher, MeterRegistry registry, ObjectProvider<Clock> clock) {
        super(ConsumerGroups.TELEGRAM_UPDATE_WORKER, Topics.TELEGRAM_UPDATES,
                new WorkerMetrics(registry, ConsumerGroups.TELEGRAM_UPDATE_WORKER), clock.getIfUnique(Clock::systemUTC));
        this.reference = reference;
        this.publisher = publisher;
    }

    @Override
    protected void handle(ConsumerRecord<String, byte[]> record) {
        TelegramUpdateReceived u = WorkerRecords.decode(record, TelegramUpdateReceived.class);
        String eventId = WorkerRecords.eventId(u.eventId(), record);
        WorkerRecords.require(u.botId(), "bot_id", record);
        WorkerRecords.require(u.update(), "update", record);
        Instant receivedAt = WorkerRecords.ingressTime(record, u.receivedAt());

        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(3);
        Map<String, String> refs = new LinkedHashMap<>();
        JsonNode callback = u.update().path("callback_query");
        String text = u.update().path("message").path("text").asString("").trim();
        if (callback.isObject()) {
            refs.put("action", callbackAnswer(record, u, callback, receivedAt, out, refs));
        } else if (isCommand(text, "/start")) {
            long chatId = u.update().path("message").path("chat").path("id").asLong();
            out.add(reply(record, u, chatId, "welcome", WELCOME));
            refs.put("action", "start");
        } else if (isCommand(text, "/quiz")) {
            long chatId = u.update().path("message").path("chat").path("id").asLong();
            out.add(firstQuestion(record, u, chatId, receivedAt));
            refs.put("action", "quiz");
        } else {
            refs.put("action", "ignored");
        }
        out.add(WorkerRecords.outcome(record, eventId, EventTypes.TELEGRAM_UPDATE, EventOutcome.Status.accepted, null,
                receivedAt, clock.instant(), refs));
        publisher.publishAll(out);
        metrics.outcome("accepted", refs.get("action"));
    }

    private String callbackAnswer(ConsumerRecord<String, byte[]> record, TelegramUpdateReceived u, JsonNode callback,
            Instant receivedAt, List<ProducerRecord<String, byte[]>> out, Map<String, String> refs) {
        String callbackId = callback.path("id").asString("");
        long userId = callback.path("from").path("id").asLong();
        JsonNode chat = callback.path("message").path("chat").path("id");
        long chatId = chat.isNumber() ? chat.asLong() : userId;
        if (callbackId.isEmpty()) {
            return "ignored";
        }
        Optional<QuizCallbackData> data =
                QuizCallbackData.decode(callback.path("data").asString(null), reference.quizzes()::get);
        if (data.isEmpty()) {
            TelegramSend s = QuizMessages.callbackAnswer(u.botId(), callbackId, chatId, "Unknown action.",
                    clock.instant());
            out.add(WorkerRecords.derived(record, Topics.TELEGRAM_OUTBOUND, Long.toString(chatId),
                    EventTypes.TELEGRAM_SEND, s));
            return "ignored";
        }
        String answerId = EventIds.derive("telegram-callback", u.botId() + ":" + callbackId);
        QuizAnswer answer = new QuizAnswer(answerId, data.get().quizId(), Long.toString(userId),
                data.get().questionId(), data.get().optionId(), receivedAt, "telegram", callbackId, chatId);
        ProducerRecord<String, byte[]> r = WorkerRecords.derived(record, Topics.QUIZ_ANSWERS, answer.quizId(),
                EventTypes.QUIZ_ANSWER, answer);
        RecordHeaders.put(r.headers(), Headers.EVENT_ID, answerId);
        out.add(r);
        refs.put("answer_event_id", answerId);
        return "answer";
    }

    private ProducerRecord<String, byte[]> firstQuestion(
            ConsumerRecord<String, byte[]> record, TelegramUpdateReceived u, long chatId, Instant receivedAt) {
        Optional<QuizDefined> quiz = openQuiz(u.botId(), receivedAt);
        if (quiz.isEmpty()) {
            if (!reference.ensureCurrent(reference.quizzes(), receivedAt)) {
                throw new ReferenceNotCurrentException(Topics.QUIZZES, "open quiz of bot " + u.botId());
            }
            quiz = openQuiz(u.botId(), receivedAt);
        }
        if (quiz.isEmpty()) {
            return reply(record, u, chatId, "quiz", NO_QUIZ);
        }
        TelegramSend s = QuizMessages.question(messageId(u, "quiz"), quiz.get(), 0, chatId, clock.instant());
        return WorkerRecords.derived(record, Topics.TELEGRAM_OUTBOUND, Long.toString(chatId), EventTypes.TELEGRAM_SEND, s);
    }

    /** The bot's quiz open at {@code at} with at least one question, the one closing first. */
    private Optional<QuizDefined> openQuiz(String botId, Instant at) {
        return reference.quizzes().snapshot().values().stream()
                .filter(q -> botId.equals(q.botId()) && q.questions() != null && !q.questions().isEmpty())
                .filter(q -> (q.opensAt() == null || !at.isBefore(q.opensAt()))
                        && (q.closesAt() == null || at.isBefore(q.closesAt())))
                .min(Comparator.comparing(QuizDefined::closesAt, Comparator.nullsLast(Comparator.naturalOrder())));
    }

    private ProducerRecord<String, byte[]> reply(
            ConsumerRecord<String, byte[]> record, TelegramUpdateReceived u, long chatId, String what, String text) {
        TelegramSend s = new TelegramSend(messageId(u, what), u.botId(), chatId, TelegramSend.SEND_MESSAGE,
                Json.MAPPER.createObjectNode().put("text", text), "reply", clock.instant());
        return WorkerRecords.derived(record, Topics.TELEGRAM_OUTBOUND, Long.toString(chatId), EventTypes.TELEGRAM_SEND, s);
    }

    static String messageId(TelegramUpdateReceived u, String what) {
        return "tg:" + u.botId() + ":" + u.updateId() + ":" + what;
    }

    /** {@code /cmd}, {@code /cmd@SomeBot} or {@code /cmd payload}. */
    static boolean isCommand(String text, String command) {
        String first = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        int at = first.indexOf('@');
        return (at < 0 ? first : first.substring(0, at)).equals(command);
    }
}
