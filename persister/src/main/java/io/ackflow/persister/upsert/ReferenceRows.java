package io.ackflow.persister.upsert;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Rows of the reference tables, without secrets or tokens. {@code sourceOffset} is the record's offset in its
 * single-partition compacted topic: the definition with the greater offset wins.
 */
public final class ReferenceRows {
    private ReferenceRows() {}

    /** Reference rows are ordered by the offset of the definition they came from. */
    public interface Versioned {
        long sourceOffset();
    }

    public static <R extends Versioned> R latest(R a, R b) {
        return b.sourceOffset() > a.sourceOffset() ? b : a;
    }

    public record AuctionRow(
            String auctionId, String title, Instant opensAt, Instant closesAt, Instant updatedAt, long sourceOffset)
            implements Versioned {}

    public record SourceRow(
            String sourceId,
            String kind,
            String accountId,
            Integer maxBodyBytes,
            Double ratePerSecond,
            Integer rateBurst,
            long sourceOffset)
            implements Versioned {}

    public record AccountRow(
            String accountId,
            String allowedSymbolsJson,
            BigDecimal maxQuantity,
            BigDecimal maxNotional,
            Integer maxOrdersPerMinute,
            String telegramBotId,
            Long telegramChatId,
            long sourceOffset)
            implements Versioned {}

    public record QuizRow(
            String quizId,
            String title,
            String botId,
            String chatIdsJson,
            Instant opensAt,
            Instant closesAt,
            String questionsJson,
            int rewardTopN,
            long sourceOffset)
            implements Versioned {}

    public record BotRow(String botId, String apiBaseUrl, String limitsJson, long sourceOffset) implements Versioned {}
}
