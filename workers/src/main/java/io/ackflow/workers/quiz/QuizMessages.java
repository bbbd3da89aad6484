package io.ackflow.workers.quiz;

import io.ackflow.schema.Json;
import io.ackflow.schema.event.QuizDefined;
import io.ackflow.schema.event.TelegramSend;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The Telegram messages of a quiz: a question with one answer button per option, feedback, "you're done". */
public final class QuizMessages {
    public static final String KIND_QUESTION = "quiz-question";
    public static final String KIND_FEEDBACK = "quiz-feedback";
    public static final String KIND_DONE = "quiz-done";

    private QuizMessages() {}

    /** A {@code sendMessage} of question {@code index} with an inline keyboard (one option per row). */
    public static TelegramSend question(
            String messageId, QuizDefined quiz, int index, long chatId, Instant now) {
        QuizDefined.Question q = quiz.questions().get(index);
        ArrayNode rows = Json.MAPPER.createArrayNode();
        for (int o = 0; o < q.options().size(); o++) {
            Optional<String> data = QuizCallbackData.encode(quiz, index, o);
            if (data.isEmpty()) {
                continue;
            }
            ObjectNode button = Json.MAPPER.createObjectNode()
                    .put("text", q.options().get(o).text())
                    .put("callback_data", data.get());
            rows.add(Json.MAPPER.createArrayNode().add(button));
        }
        ObjectNode params = Json.MAPPER.createObjectNode();
        params.put("text", "%s\nQuestion %d/%d: %s".formatted(quiz.title() == null ? "Quiz" : quiz.title(), index + 1,
                quiz.questions().size(), q.text()));
        params.putObject("reply_markup").set("inline_keyboard", rows);
        return new TelegramSend(messageId, quiz.botId(), chatId, TelegramSend.SEND_MESSAGE, params, KIND_QUESTION, now);
    }

    /** The next question for a player, message id {@code quiz-q:<quizId>:<questionId>:<userId>}. */
    public static TelegramSend nextQuestion(QuizDefined quiz, int index, String userId, long chatId, Instant now) {
        String id = "quiz-q:" + quiz.quizId() + ":" + quiz.questions().get(index).id() + ":" + userId;
        return question(id, quiz, index, chatId, now);
    }

    /** {@code answerCallbackQuery} with {@code text}, message id {@code cbq:<callbackQueryId>}. */
    public static TelegramSend callbackAnswer(
            String botId, String callbackQueryId, Long chatId, String text, Instant now) {
        ObjectNode params = Json.MAPPER.createObjectNode()
                .put("callback_query_id", callbackQueryId)
                .put("text", text);
        return new TelegramSend("cbq:" + callbackQueryId, botId, chatId, TelegramSend.ANSWER_CALLBACK_QUERY, params,
                KIND_FEEDBACK, now);
    }

    /** "You're done", message id {@code quiz-done:<quizId>:<userId>}. */
    public static TelegramSend done(QuizDefined quiz, String userId, long chatId, Instant now) {
        ObjectNode params = Json.MAPPER.createObjectNode()
                .put("text", "You're done! Results come when the quiz closes.");
        return new TelegramSend("quiz-done:" + quiz.quizId() + ":" + userId, quiz.botId(), chatId,
                TelegramSend.SEND_MESSAGE, params, KIND_DONE, now);
    }

    /** The index of question {@code questionId}, or -1. */
    public static int indexOf(QuizDefined quiz, String questionId) {
        for (int i = 0; i < quiz.questions().size(); i++) {
            if (quiz.questions().get(i).id().equals(questionId)) {
                return i;
            }
        }
        return -1;
    }
}
