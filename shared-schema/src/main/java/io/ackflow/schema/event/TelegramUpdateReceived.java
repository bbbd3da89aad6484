package io.ackflow.schema.event;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** A Telegram Bot API {@code Update}, as received. Topic {@code TELEGRAM_UPDATES}, key chat id. */
public record TelegramUpdateReceived(String eventId, String botId, long updateId, Instant receivedAt, JsonNode update) {}
