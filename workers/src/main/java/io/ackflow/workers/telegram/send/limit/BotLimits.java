package io.ackflow.workers.telegram.send.limit;

import io.ackflow.schema.event.BotDefined;

/**
 * The limits one bot is held to. Defaults are Telegram's documented values: 30 messages a second per bot, one a second
 * per private chat, 20 a minute per group or channel.
 *
 * @param globalPerSecond messages a second across all chats of the bot (shared by every sender instance)
 * @param perChatPerSecond messages a second to one private chat
 * @param perGroupPerMinute messages a minute to one group or channel (a negative chat id)
 * @param chatBurst messages a private chat or group may take at once after a quiet spell
 * @param globalBurst permits an instance's share of the global rate may take at once (1 = evenly paced)
 */
public record BotLimits(
        double globalPerSecond, double perChatPerSecond, double perGroupPerMinute, double chatBurst, double globalBurst) {

    public static final double TELEGRAM_GLOBAL_PER_SECOND = 30;
    public static final double TELEGRAM_PER_CHAT_PER_SECOND = 1;
    public static final double TELEGRAM_PER_GROUP_PER_MINUTE = 20;

    public BotLimits {
        positive("global_per_second", globalPerSecond);
        positive("per_chat_per_second", perChatPerSecond);
        positive("per_group_per_minute", perGroupPerMinute);
        if (!(chatBurst >= 1) || !(globalBurst >= 1)) {
            throw new IllegalArgumentException("bursts must be at least 1, got chat " + chatBurst + ", global " + globalBurst);
        }
    }

    private static void positive(String name, double value) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new IllegalArgumentException("limits." + name + " must be finite and positive, got " + value);
        }
    }

    public static BotLimits telegramDefaults(double chatBurst, double globalBurst) {
        return new BotLimits(TELEGRAM_GLOBAL_PER_SECOND, TELEGRAM_PER_CHAT_PER_SECOND, TELEGRAM_PER_GROUP_PER_MINUTE,
                chatBurst, globalBurst);
    }

    /** These limits with the values a bot definition sets; unset values keep this record's. */
    public BotLimits overriddenBy(BotDefined.Limits limits) {
        if (limits == null) {
            return this;
        }
        return new BotLimits(
                limits.globalPerSecond() == null ? globalPerSecond : limits.globalPerSecond(),
                limits.perChatPerSecond() == null ? perChatPerSecond : limits.perChatPerSecond(),
                limits.perGroupPerMinute() == null ? perGroupPerMinute : limits.perGroupPerMinute(),
                chatBurst,
                globalBurst);
    }

    /** Telegram's convention: groups, supergroups and channels have negative ids. */
    public static boolean isGroup(long chatId) {
        return chatId < 0;
    }

    /** The bucket for one chat. */
    public TokenBucket.Config chatConfig(long chatId) {
        return isGroup(chatId)
                ? TokenBucket.Config.perMinute(perGroupPerMinute, chatBurst)
                : TokenBucket.Config.perSecond(perChatPerSecond, chatBurst);
    }

    /** This instance's bucket for the bot-wide rate, given the share of partitions it owns (0..1]. */
    public TokenBucket.Config globalConfig(double share) {
        // An instance that owns nothing sends nothing; a tiny rate keeps the config valid.
        double rate = Math.max(globalPerSecond * share, 1e-6);
        return TokenBucket.Config.perSecond(rate, globalBurst);
    }
}
