package io.ackflow.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.ingress.webhook.StandardWebhooks;
import io.ackflow.schema.EventIds;
import io.ackflow.schema.auth.BearerCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestMixTest {
    private final LoadFixture fixture = new LoadFixture("chaos-5-mix", 2, new Random(5));

    @Test
    void everyKindIsSentInAboutItsShareWithAboutATenthRepeats() {
        RequestMix mix = new RequestMix("mix", fixture, 100, 42);
        Map<RequestKind, Integer> counts = new EnumMap<>(RequestKind.class);
        int repeats = 0;
        for (long seq = 0; seq < 5000; seq++) {
            PlannedRequest p = mix.next(seq);
            counts.merge(p.kind(), 1, Integer::sum);
            repeats += p.duplicateOf() >= 0 ? 1 : 0;
        }
        RequestMix.SHARES.forEach((kind, share) ->
                assertThat(counts.get(kind) / 5000.0).as("share of %s", kind).isBetween(share - 0.03, share + 0.03));
        assertThat(repeats / 5000.0).isBetween(0.08, 0.12);
    }

    @Test
    void aRepeatHasTheKeyAndBodyOfItsOriginal() {
        RequestMix mix = new RequestMix("mix", fixture, 100, 7);
        Map<Long, PlannedRequest> bySeq = new HashMap<>();
        for (long seq = 0; seq < 2000; seq++) {
            PlannedRequest p = mix.next(seq);
            bySeq.put(seq, p);
            if (p.duplicateOf() >= 0) {
                PlannedRequest original = bySeq.get(p.duplicateOf());
                assertThat(p.key()).isEqualTo(original.key());
                assertThat(p.body()).isEqualTo(original.body());
                assertThat(p.expectedEventId()).isEqualTo(original.expectedEventId());
            }
        }
    }

    @Test
    void secondAnswersComeOnlyForAcknowledgedFirstAnswersWithAnotherOptionAndKey() {
        RequestMix mix = new RequestMix("mix", fixture, 100, 9);
        List<PlannedRequest> answers = new ArrayList<>();
        Map<String, PlannedRequest> firstByQuestion = new HashMap<>();
        int second = 0;
        for (long seq = 0; seq < 3000; seq++) {
            PlannedRequest p = mix.next(seq);
            if (p.kind() != RequestKind.QUIZ_ANSWER || p.duplicateOf() >= 0) {
                continue;
            }
            PlannedRequest first = firstByQuestion.putIfAbsent(p.actor() + "/" + p.item(), p);
            if (first != null) {
                second++;
                assertThat(answers).contains(first);
                assertThat(p.value()).isNotEqualTo(first.value());
                assertThat(p.key()).isNotEqualTo(first.key());
            }
            if (seq % 2 == 0) {
                mix.answered(p, 202);
                answers.add(p);
            }
        }
        assertThat(second).isPositive();
    }

    @Test
    void signedWebhooksVerifyWithTheSourcesSecret() {
        PlannedRequest p = new WebhookRequests("mix", fixture, new Random(1), Clock.systemUTC()).fresh(3);

        StandardWebhooks.Verdict v = new StandardWebhooks(Clock.systemUTC(), Duration.ofMinutes(5)).verify(
                List.of(StandardWebhooks.key(fixture.webhookSecret())), p.headers().get("webhook-id"),
                p.headers().get("webhook-timestamp"), p.headers().get("webhook-signature"),
                p.body().getBytes(StandardCharsets.UTF_8));

        assertThat(v).isEqualTo(StandardWebhooks.Verdict.VALID);
    }

    @Test
    void expectedEventIdsAreDerivedAsIngressDerivesThem() {
        String keyId = BearerCredentials.keyId(Topology.API_KEY);
        assertThat(fixture.bidEventId("a1", "k")).isEqualTo(EventIds.derive("bid:" + keyId + ":a1", "k"));
        assertThat(fixture.webhookEventId("w")).isEqualTo(EventIds.derive("webhook:" + fixture.sourceId(), "w"));
        assertThat(fixture.telegramUpdateEventId(5))
                .isEqualTo(EventIds.derive("telegram-update:" + fixture.botId(), "5"));
    }

    @Test
    void callbackQueryIdsDifferAcrossScenariosAsTelegramsDoAcrossBots() {
        LoadFixture other = new LoadFixture("chaos-5-other", 3, new Random(6));

        assertThat(TelegramUpdateRequests.callbackId(fixture, "10"))
                .isNotEqualTo(TelegramUpdateRequests.callbackId(other, "10"));
    }

    @Test
    void playersAnswerInRoundsAndAFreshGroupStartsAfterTheLastQuestion() {
        PlayerRounds rounds = new PlayerRounds(2, 2);
        List<PlayerRounds.Turn> turns = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            turns.add(rounds.next());
        }
        assertThat(turns).containsExactly(new PlayerRounds.Turn(0, 0), new PlayerRounds.Turn(1, 0),
                new PlayerRounds.Turn(0, 1), new PlayerRounds.Turn(1, 1), new PlayerRounds.Turn(2, 0),
                new PlayerRounds.Turn(3, 0));
    }
}
