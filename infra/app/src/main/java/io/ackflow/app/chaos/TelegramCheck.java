package io.ackflow.app.chaos;

import io.ackflow.fakes.telegram.FakeTelegramServer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Telegram updates against the fake Bot API's log: every message due because of an acknowledged update is delivered
 * exactly once (a {@code /start}: the welcome; a quiz answer: its callback answer, and the next question or "you're
 * done", once per player and question however often the player answers it). The send ledger may have given a message
 * up as {@code uncertain} (a call cut off, e.g. by a {@code kill -9}: at most once, docs/telegram.md) or {@code stale};
 * those may be missing. A message nobody asked for, or asked for only by refused updates, must not exist.
 */
final class TelegramCheck {
    private static final Set<String> AT_MOST_ONCE = Set.of("uncertain", "stale");

    private TelegramCheck() {}

    /** A message an update calls for: its ledger id, how to find it in the fake's log, and whether it must exist. */
    private record Due(String messageId, String match, boolean certain) {}

    static Effects check(List<RequestRecord> updates, Map<String, String> statuses,
            List<FakeTelegramServer.Call> calls, Map<String, String> ledger, LoadFixture fixture) {
        Map<String, Due> due = new LinkedHashMap<>();
        for (KeyedRequests u : KeyedRequests.byKey(updates).values()) {
            if (u.answer() == KeyedRequests.Answer.REFUSED) {
                continue;
            }
            boolean certain = u.answer() == KeyedRequests.Answer.ACKED;
            dueFor(u.first(), certain, statuses, fixture)
                    .forEach(d -> due.merge(d.messageId(), d, (a, b) -> a.certain() ? a : b));
        }
        Map<String, Integer> delivered = new HashMap<>();
        calls.stream().filter(c -> c.delivered() && fixture.fakeBotId().equals(c.botId()))
                .forEach(c -> delivered.merge(match(c, fixture), 1, Integer::sum));

        Effects e = new Effects();
        e.figure("messages due", due.values().stream().filter(Due::certain).count());
        e.figure("sent once", 0);
        Set<String> expectedMatches = new java.util.HashSet<>();
        for (Due d : due.values()) {
            expectedMatches.add(d.match());
            int n = delivered.getOrDefault(d.match(), 0);
            String state = ledger.get(d.messageId());
            if (n > 1) {
                e.doubled("message " + d.messageId() + " delivered " + n + " times (ledger: " + state + ")");
            } else if (n == 1 && d.certain()) {
                e.count("sent once");
            } else if (n == 1) {
                e.uncertainHadEffect();
            } else if (d.certain() && state != null && AT_MOST_ONCE.contains(state)) {
                e.count("not sent: " + state + " (at most once)");
            } else if (d.certain()) {
                e.lost("message " + d.messageId() + " not delivered; ledger: " + state);
            }
        }
        delivered.forEach((match, n) -> {
            if (!expectedMatches.contains(match)) {
                e.refusedWithEffect("message " + match + " delivered " + n + " times, due to no acknowledged update");
            }
        });
        e.figure("calls refused by the fake (429/5xx)", calls.stream()
                .filter(c -> fixture.fakeBotId().equals(c.botId()) && (c.status() == 429 || c.status() >= 500))
                .count());
        return e;
    }

    private static List<Due> dueFor(RequestRecord u, boolean certain, Map<String, String> statuses,
            LoadFixture fixture) {
        String quizId = fixture.quizId();
        String botId = fixture.botId();
        long chat = Long.parseLong(u.actor());
        if (TelegramUpdateRequests.START.equals(u.item())) {
            return List.of(new Due("tg:" + botId + ":" + u.idempotencyKey() + ":welcome", "send/" + chat + "/start",
                    certain));
        }
        String callbackId = TelegramUpdateRequests.callbackId(fixture, u.idempotencyKey());
        Due callbackAnswer = new Due("cbq:" + callbackId, "cbq/" + callbackId, certain);
        if (!"accepted".equals(statuses.get(u.followUpEventId()))) {
            // a rejected answer gets only its callback answer; one that never reached the quiz worker gets nothing
            return statuses.containsKey(u.followUpEventId()) ? List.of(callbackAnswer) : List.of();
        }
        int next = LoadFixture.QUESTIONS.indexOf(u.item()) + 1;
        Due reply = next < LoadFixture.QUESTIONS.size()
                ? new Due("quiz-q:" + quizId + ":" + LoadFixture.QUESTIONS.get(next) + ":" + u.actor(),
                        "send/" + chat + "/q" + next, certain)
                : new Due("quiz-done:" + quizId + ":" + u.actor(), "send/" + chat + "/done", certain);
        return List.of(callbackAnswer, reply);
    }

    /** Where a delivered call belongs: the same key {@link #dueFor} gives the message it answers. */
    private static String match(FakeTelegramServer.Call c, LoadFixture fixture) {
        if ("answerCallbackQuery".equals(c.method())) {
            return "cbq/" + c.callbackQueryId();
        }
        String text = c.text() == null ? "" : c.text();
        if (c.chatId() != null && fixture.isStartChat(c.chatId())) {
            return "send/" + c.chatId() + "/start";
        }
        if (text.startsWith("You're done")) {
            return "send/" + c.chatId() + "/done";
        }
        for (int q = 0; q < LoadFixture.QUESTIONS.size(); q++) {
            if (text.contains(fixture.questionMarker(q))) {
                return "send/" + c.chatId() + "/q" + q;
            }
        }
        return c.method() + "/" + c.chatId() + "/" + text;
    }
}
