package io.ackflow.schema.event;

import java.math.BigDecimal;
import java.util.List;

/** A trading account's risk settings. Topic {@code ACCOUNTS}, key account id. */
public record AccountDefined(
        String accountId,
        List<String> allowedSymbols,
        BigDecimal maxQuantity,
        BigDecimal maxNotional,
        Integer maxOrdersPerMinute,
        TelegramTarget telegram) {

    /** Where order notifications go; optional. */
    public record TelegramTarget(String botId, long chatId) {}
}
