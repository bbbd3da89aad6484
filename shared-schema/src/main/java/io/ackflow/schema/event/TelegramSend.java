package io.ackflow.schema.event;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A Bot API call to make. Topic {@code TELEGRAM_OUTBOUND}, key chat id.
 *
 * <p>{@code messageId} is deterministic for everything ackflow itself sends (for example
 * {@code quiz-result:<quiz>:<user>}), so a replay or a second close never sends twice: the sender keeps a ledger keyed
 * by it.
 *
 * @param method {@code sendMessage}, {@code editMessageText} or {@code answerCallbackQuery}
 * @param params the Bot API parameters other than the chat id, as JSON (text, parse_mode, reply_markup, ...)
 * @param kind a message type for staleness cut-offs and metrics, e.g. {@code quiz-result}, {@code order-notice}
 */
public record TelegramSend(
        String messageId,
        String botId,
        Long chatId,
        String method,
        JsonNode params,
        String kind,
        Instant enqueuedAt) {

    public static final String SEND_MESSAGE = "sendMessage";
    public static final String EDIT_MESSAGE_TEXT = "editMessageText";
    public static final String ANSWER_CALLBACK_QUERY = "answerCallbackQuery";
}
