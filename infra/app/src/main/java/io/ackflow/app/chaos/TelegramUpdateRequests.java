package io.ackflow.app.chaos;

import java.time.Clock;
import java.util.Map;
import java.util.Random;

/**
 * Telegram updates to the scenario's bot webhook, as Telegram sends them: mostly {@code callback_query} answers to the
 * quiz from players in rounds (player {@code p} is chat and user {@code playerChat(p)}), and some {@code /start}
 * messages, each from a chat of its own. A redelivery is the same update again (same {@code update_id}).
 */
final class TelegramUpdateRequests implements RequestMaker {
    static final String START = "/start";
    private static final double START_SHARE = 0.15;

    private final LoadFixture fixture;
    private final Random random;
    private final Clock clock;
    private final PlayerRounds rounds;

    TelegramUpdateRequests(LoadFixture fixture, Random random, Clock clock, int players) {
        this.fixture = fixture;
        this.random = random;
        this.clock = clock;
        this.rounds = new PlayerRounds(players, LoadFixture.QUESTIONS.size());
    }

    @Override
    public PlannedRequest fresh(long seq) {
        if (random.nextDouble() < START_SHARE) {
            return start(seq);
        }
        PlayerRounds.Turn turn = rounds.next();
        String option = LoadFixture.OPTIONS.get(random.nextInt(LoadFixture.OPTIONS.size()));
        return callback(seq, fixture.playerChat(turn.player()), LoadFixture.QUESTIONS.get(turn.question()), option);
    }

    @Override
    public PlannedRequest repeat(PlannedRequest o, long seq) {
        return o.repeatedAs(seq);
    }

    @Override
    public PlannedRequest reanswer(PlannedRequest original, long seq) {
        if (START.equals(original.item())) {
            return null;
        }
        return callback(seq, Long.parseLong(original.actor()), original.item(),
                QuizAnswerRequests.otherOption(original.value(), random));
    }

    private PlannedRequest start(long seq) {
        long updateId = seq + 1;
        long chat = fixture.startChat(seq);
        String update = "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":1,\"date\":" + now()
                + ",\"chat\":{\"id\":" + chat + ",\"type\":\"private\"},\"from\":{\"id\":" + chat
                + ",\"is_bot\":false,\"first_name\":\"S\"},\"text\":\"" + START + "\"}}";
        return request(seq, updateId, update, null, chat, START, null);
    }

    private PlannedRequest callback(long seq, long chat, String question, String option) {
        long updateId = seq + 1;
        String callbackId = callbackId(fixture, Long.toString(updateId));
        String data = "a:" + fixture.quizId() + ":" + question + ":" + option;
        String update = "{\"update_id\":" + updateId + ",\"callback_query\":{\"id\":\"" + callbackId
                + "\",\"from\":{\"id\":" + chat + ",\"is_bot\":false,\"first_name\":\"P\"},\"message\":{\"message_id\":"
                + (LoadFixture.QUESTIONS.indexOf(question) + 1) + ",\"date\":" + now() + ",\"chat\":{\"id\":" + chat
                + ",\"type\":\"private\"}},\"chat_instance\":\"ci" + chat + "\",\"data\":\"" + data + "\"}}";
        return request(seq, updateId, update, fixture.callbackAnswerEventId(callbackId), chat, question, option);
    }

    private PlannedRequest request(long seq, long updateId, String update, String followUp, long chat, String item,
            String value) {
        return new PlannedRequest(seq, RequestKind.TELEGRAM_UPDATE, "/v1/telegram/" + fixture.botId() + "/webhook",
                Map.of("Content-Type", "application/json", "X-Telegram-Bot-Api-Secret-Token",
                        fixture.telegramSecret()),
                update, Long.toString(updateId), fixture.telegramUpdateEventId(updateId), followUp, fixture.botId(),
                Long.toString(chat), item, value, -1);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    /**
     * The callback query id of a {@code callback_query} update's request. Telegram's ids are unique across bots, and
     * ackflow relies on that (a callback answer's message id is {@code cbq:<id>}), while update ids are per bot; so
     * the id carries the bot as well as the update.
     */
    static String callbackId(LoadFixture fixture, String updateKey) {
        return "cb-" + fixture.fakeBotId() + "-" + updateKey;
    }
}
