package io.ackflow.app.chaos;

import io.ackflow.fakes.telegram.FakeTelegramServer;
import io.ackflow.schema.EventIds;
import io.ackflow.schema.auth.BearerCredentials;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What one scenario's load runs against, defined fresh through the admin API so scenarios share no state: open
 * auctions, a trading account with a Standard Webhooks-signed source, a Telegram bot whose API is the fake Bot API, and
 * a quiz on that bot. Ids, secrets and chat ids follow from the run's seed and the scenario's index. It also knows how
 * ingress derives event ids (docs/api.md), so an effect can be traced to its request even without a {@code 202}.
 */
final class LoadFixture {
    static final int AUCTIONS = 4;
    static final List<String> QUESTIONS = List.of("q0", "q1", "q2", "q3");
    static final List<String> OPTIONS = List.of("a", "b", "c");
    static final List<String> SYMBOLS = List.of("AAPL", "MSFT");
    /** The bot's rate at the sender and at the fake: above what the load needs, so only injected faults refuse it. */
    static final int BOT_PER_SECOND = 100;
    private static final long CHATS_PER_SCENARIO = 10_000_000_000L;
    private static final long START_CHATS = 5_000_000_000L;

    private final String prefix;
    private final String clientKeyId = BearerCredentials.keyId(Topology.API_KEY);
    private final byte[] webhookKey = new byte[24];
    private final String fakeBotId;
    private final String botToken;
    private final String telegramSecret;
    private final long chatBase;

    /**
     * @param prefix names every definition ({@code chaos-<seed>-<scenario>})
     * @param index the scenario's place in the run (0 for the warm-up): keeps chat ids and bot tokens apart
     */
    LoadFixture(String prefix, int index, Random random) {
        this.prefix = prefix;
        random.nextBytes(webhookKey);
        this.fakeBotId = Long.toString(700_000_000L + Math.floorMod(random.nextInt(), 1_000_000) * 100L + index);
        this.botToken = fakeBotId + ":chaos_" + HexFormat.of().formatHex(webhookKey, 0, 8);
        this.telegramSecret = "chaos_" + HexFormat.of().formatHex(webhookKey, 8, 16);
        this.chatBase = CHATS_PER_SCENARIO * (index + 1);
    }

    /** Defines everything through the first ingress, then waits until every ingress knows the source and the bot. */
    void define(AdminApi admin, List<RoleProcess> ingress, FakeTelegramServer telegram) {
        RoleProcess first = ingress.get(0);
        Map<String, Object> open = Map.of("opens_at", "2020-01-01T00:00:00Z", "closes_at", "2099-01-01T00:00:00Z");
        for (String auction : auctions()) {
            Map<String, Object> body = new LinkedHashMap<>(open);
            body.put("title", "Chaos");
            admin.put(first, "/v1/auctions/" + auction, body);
        }
        admin.put(first, "/v1/accounts/" + accountId(), Map.of("allowed_symbols", SYMBOLS));
        admin.put(first, "/v1/sources/" + sourceId(), Map.of("kind", "trading", "account_id", accountId(),
                "secrets", List.of(webhookSecret()),
                "rate_limit", Map.of("per_second", 1000, "burst", 2000)));
        telegram.limits(fakeBotId, FakeTelegramServer.Limits.globalPerSecond(BOT_PER_SECOND));
        admin.put(first, "/v1/bots/" + botId(), Map.of("token", botToken, "webhook_secret", telegramSecret,
                "api_base_url", telegram.baseUrl(), "limits", Map.of("global_per_second", BOT_PER_SECOND,
                        "per_chat_per_second", 1, "per_group_per_minute", 20)));
        Map<String, Object> quiz = new LinkedHashMap<>(open);
        quiz.put("title", title());
        quiz.put("bot_id", botId());
        quiz.put("questions", questions());
        admin.put(first, "/v1/quizzes/" + quizId(), quiz);
        for (RoleProcess i : ingress) {
            // unsigned: 401 once the source is known (404 before); a wrong secret: 403 once the bot is known
            admin.awaitStatus(i, "/v1/webhooks/" + sourceId(), Map.of(), s -> s == 401);
            admin.awaitStatus(i, "/v1/telegram/" + botId() + "/webhook",
                    Map.of("X-Telegram-Bot-Api-Secret-Token", "wrong"), s -> s == 403);
        }
    }

    private List<Map<String, Object>> questions() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String q : QUESTIONS) {
            out.add(Map.of("id", q, "text", "Pick " + OPTIONS.get(0), "correct_option_id", OPTIONS.get(0),
                    "options", OPTIONS.stream().map(o -> Map.of("id", o, "text", o.toUpperCase())).toList()));
        }
        return out;
    }

    List<String> auctions() {
        return IntStream.range(0, AUCTIONS).mapToObj(i -> prefix + "-a" + i).toList();
    }

    String accountId() {
        return prefix + "-acct";
    }

    String sourceId() {
        return prefix + "-src";
    }

    String quizId() {
        return prefix + "-qz";
    }

    String botId() {
        return prefix + "-bot";
    }

    String title() {
        return "Chaos " + prefix;
    }

    /** The bot's id at the fake Bot API: the token's part before {@code :}. */
    String fakeBotId() {
        return fakeBotId;
    }

    String telegramSecret() {
        return telegramSecret;
    }

    /** The private chat (and Telegram user id) of quiz player {@code player}. */
    long playerChat(long player) {
        return chatBase + player;
    }

    /** A fresh private chat for the {@code /start} of request {@code seq}. */
    long startChat(long seq) {
        return chatBase + START_CHATS + seq;
    }

    boolean isStartChat(long chat) {
        return chat >= chatBase + START_CHATS && chat < chatBase + CHATS_PER_SCENARIO;
    }

    boolean isPlayerChat(long chat) {
        return chat >= chatBase && chat < chatBase + START_CHATS;
    }

    /** What the next-question message of question {@code index} contains (see the workers' QuizMessages). */
    String questionMarker(int index) {
        return "\nQuestion " + (index + 1) + "/" + QUESTIONS.size() + ": ";
    }

    String bidEventId(String auction, String key) {
        return EventIds.derive("bid:" + clientKeyId + ":" + auction, key);
    }

    String webhookEventId(String webhookId) {
        return EventIds.derive("webhook:" + sourceId(), webhookId);
    }

    String quizAnswerEventId(String key) {
        return EventIds.derive("quiz-answer:" + clientKeyId + ":" + quizId(), key);
    }

    String telegramUpdateEventId(long updateId) {
        return EventIds.derive("telegram-update:" + botId(), Long.toString(updateId));
    }

    /** The quiz answer the update worker derives from a {@code callback_query}. */
    String callbackAnswerEventId(String callbackQueryId) {
        return EventIds.derive("telegram-callback", botId() + ":" + callbackQueryId);
    }

    /** The source's Standard Webhooks secret ({@code whsec_} and the base64 key). */
    String webhookSecret() {
        return "whsec_" + Base64.getEncoder().encodeToString(webhookKey);
    }

    /** A Standard Webhooks {@code webhook-signature} value for the source's secret. */
    String sign(String webhookId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(webhookKey, "HmacSHA256"));
            byte[] signature = mac.doFinal((webhookId + "." + timestampSeconds + "." + body)
                    .getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the JDK", e);
        }
    }
}
