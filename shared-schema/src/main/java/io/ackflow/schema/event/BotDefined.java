package io.ackflow.schema.event;

/**
 * A Telegram bot. Topic {@code BOTS}, key bot id. The token and webhook secret are write-only: never log them, never
 * return them over HTTP.
 */
public record BotDefined(String botId, String token, String webhookSecret, String apiBaseUrl, Limits limits) {

    /** Telegram's documented limits are the defaults: 30 msg/s per bot, 1 msg/s per chat, 20 msg/min per group. */
    public record Limits(Double globalPerSecond, Double perChatPerSecond, Double perGroupPerMinute) {}
}
