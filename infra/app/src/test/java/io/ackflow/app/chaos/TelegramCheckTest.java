package io.ackflow.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.fakes.telegram.FakeTelegramServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TelegramCheckTest {
    private final LoadFixture fixture = new LoadFixture("chaos-1-test", 1, new Random(1));
    private final long chat = fixture.playerChat(3);
    private final List<FakeTelegramServer.Call> calls = new ArrayList<>();
    private final Map<String, String> ledger = new HashMap<>();

    @Test
    void anAnswerGetsItsCallbackAnswerAndTheNextQuestionOnce() {
        RequestRecord answer = Records.telegram(11, "q0", "a", Long.toString(chat), 200);
        callbackAnswer("11");
        message(chat, "Chaos\nQuestion 2/4: Pick a");

        Effects e = check(List.of(answer));

        assertThat(e.lost() + e.doubled() + e.refusedWithEffect()).isZero();
        assertThat(e.figures()).containsEntry("messages due", 2L).containsEntry("sent once", 2L);
    }

    @Test
    void aSecondAnswerToAQuestionGetsACallbackAnswerButNotASecondNextQuestion() {
        RequestRecord first = Records.telegram(11, "q3", "a", Long.toString(chat), 200);
        RequestRecord second = Records.telegram(12, "q3", "b", Long.toString(chat), 200);
        callbackAnswer("11");
        callbackAnswer("12");
        message(chat, "You're done! Results come when the quiz closes.");

        Effects e = check(List.of(first, second));

        assertThat(e.lost() + e.doubled() + e.refusedWithEffect()).isZero();
        assertThat(e.figures()).containsEntry("messages due", 3L);
    }

    @Test
    void aMessageDeliveredTwiceIsDoubled() {
        RequestRecord answer = Records.telegram(11, "q0", "a", Long.toString(chat), 200);
        RequestRecord redelivery = Records.repeat(answer, 12, 200);
        callbackAnswer("11");
        message(chat, "Chaos\nQuestion 2/4: Pick a");
        message(chat, "Chaos\nQuestion 2/4: Pick a");

        Effects e = check(List.of(answer, redelivery));

        assertThat(e.doubled()).isEqualTo(1);
    }

    @Test
    void aMissingMessageIsLostUnlessTheLedgerGaveItUpAsUncertain() {
        RequestRecord answer = Records.telegram(11, "q0", "a", Long.toString(chat), 200);
        message(chat, "Chaos\nQuestion 2/4: Pick a");

        assertThat(check(List.of(answer)).lost()).isEqualTo(1);

        ledger.put("cbq:" + TelegramUpdateRequests.callbackId(fixture, "11"), "uncertain");
        Effects e = check(List.of(answer));
        assertThat(e.lost()).isZero();
        assertThat(e.figures()).containsEntry("not sent: uncertain (at most once)", 1L);
    }

    @Test
    void aStartGetsOneWelcomeAndARefusedUpdateGetsNothing() {
        long startChat = fixture.startChat(20);
        RequestRecord start = Records.telegram(21, TelegramUpdateRequests.START, null, Long.toString(startChat), 200);
        RequestRecord refused = Records.telegram(22, TelegramUpdateRequests.START, null,
                Long.toString(fixture.startChat(21)), 403);
        message(startChat, "Welcome! Send /quiz to play the open quiz.");
        message(fixture.startChat(21), "Welcome! Send /quiz to play the open quiz.");

        Effects e = check(List.of(start, refused));

        assertThat(e.refusedWithEffect()).isEqualTo(1);
        assertThat(e.lost() + e.doubled()).isZero();
    }

    @Test
    void anUncertainUpdateMayHaveItsMessagesOnce() {
        RequestRecord answer = Records.telegram(11, "q0", "a", Long.toString(chat), 0);
        callbackAnswer("11");

        Effects e = check(List.of(answer));

        assertThat(e.lost() + e.doubled() + e.refusedWithEffect()).isZero();
        assertThat(e.uncertainWithEffect()).isEqualTo(1);
    }

    private Effects check(List<RequestRecord> updates) {
        Map<String, String> statuses = new HashMap<>();
        updates.forEach(u -> {
            statuses.put(u.expectedEventId(), "accepted");
            if (u.followUpEventId() != null) {
                statuses.put(u.followUpEventId(), "accepted");
            }
        });
        return TelegramCheck.check(updates, statuses, calls, ledger, fixture);
    }

    private void callbackAnswer(String updateId) {
        calls.add(new FakeTelegramServer.Call(fixture.fakeBotId(), "answerCallbackQuery", chat, "Correct",
                Instant.EPOCH, 0, 200, TelegramUpdateRequests.callbackId(fixture, updateId)));
    }

    private void message(long to, String text) {
        calls.add(new FakeTelegramServer.Call(fixture.fakeBotId(), "sendMessage", to, text, Instant.EPOCH, 0, 200,
                null));
    }
}
