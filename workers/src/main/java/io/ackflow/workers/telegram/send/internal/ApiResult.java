package io.ackflow.workers.telegram.send.internal;

/**
 * What one Bot API call came to.
 *
 * @param kind the class of outcome that decides what happens next
 * @param status HTTP status (0 when there was no response)
 * @param description Telegram's {@code description}, or the failure, token masked
 * @param retryAfterSeconds {@code parameters.retry_after} of a 429 (0 otherwise)
 * @param telegramMessageId {@code result.message_id} of a sent message, or null
 */
public record ApiResult(Kind kind, int status, String description, long retryAfterSeconds, Long telegramMessageId) {

    public enum Kind {
        /** {@code ok: true}. */
        OK,
        /** 429 Too Many Requests. */
        RATE_LIMITED,
        /** 5xx, or no connection was made: nothing reached Telegram, safe to try again. */
        TRANSIENT,
        /** 4xx other than 429: the request is wrong or the chat is closed to the bot; trying again will not help. */
        REJECTED,
        /** The request may have reached Telegram, but no answer came (a timeout after sending). */
        UNCERTAIN
    }
}
