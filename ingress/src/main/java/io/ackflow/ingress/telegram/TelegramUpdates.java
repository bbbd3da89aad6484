package io.ackflow.ingress.telegram;

import tools.jackson.databind.JsonNode;

/** Where a Telegram {@code Update} belongs: the chat it came from, so one chat's updates stay in order. */
final class TelegramUpdates {
    private static final String[] MESSAGE_FIELDS = {
        "message", "edited_message", "channel_post", "edited_channel_post", "business_message"
    };
    private static final String[] FROM_FIELDS = {
        "inline_query", "chosen_inline_result", "shipping_query", "pre_checkout_query", "poll_answer",
        "my_chat_member", "chat_member", "chat_join_request"
    };

    private TelegramUpdates() {}

    /**
     * The record key: the chat id of the message (or of the callback query's message), else the sender's user id, else
     * the update id.
     */
    static String key(JsonNode update, long updateId) {
        for (String field : MESSAGE_FIELDS) {
            String chat = integer(update.path(field).path("chat").path("id"));
            if (chat != null) {
                return chat;
            }
        }
        JsonNode callback = update.path("callback_query");
        String chat = integer(callback.path("message").path("chat").path("id"));
        if (chat != null) {
            return chat;
        }
        String from = integer(callback.path("from").path("id"));
        if (from != null) {
            return from;
        }
        for (String field : FROM_FIELDS) {
            JsonNode node = update.path(field);
            String id = integer(node.path("chat").path("id"));
            if (id == null) {
                id = integer(node.path("from").path("id"));
            }
            if (id == null) {
                id = integer(node.path("user").path("id"));
            }
            if (id != null) {
                return id;
            }
        }
        return Long.toString(updateId);
    }

    private static String integer(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong() ? Long.toString(n.longValue()) : null;
    }
}
