package io.ackflow.app.sweep.internal;

import io.ackflow.schema.Topics;
import java.util.List;

/**
 * One valid request of every kind ingress publishes, to the sweep's own ids: the topic scan must find each of them,
 * or its "nothing published" proves nothing. They also put the secrets to use downstream (the Telegram sender calls
 * the Bot API with the bot token, the order worker takes a signed signal) before the logs are searched.
 */
public final class ControlRequests {
    private ControlRequests() {}

    public static List<Control> all(SweepFixtures f, String adminToken, String clientKey) {
        IngressInputs valid = new IngressInputs(f, adminToken, clientKey);
        String generic = IngressEndpoints.genericWebhook(f).validBody();
        return List.of(
                Control.put("auctions", Topics.AUCTIONS, f.auction(), adminToken,
                        IngressEndpoints.auctions(f).validBody()),
                Control.put("accounts", Topics.ACCOUNTS, f.account(), adminToken,
                        IngressEndpoints.accounts(f).validBody()),
                Control.put("quizzes", Topics.QUIZZES, f.quiz(), adminToken, IngressEndpoints.quizzes(f).validBody()),
                new Control("POST /v1/auctions/{id}/bids", Topics.BIDS_PLACED, f.auction(),
                        valid.valid(IngressEndpoints.bids(f)).set("Idempotency-Key", f.marker() + "-bid"), 202),
                new Control("POST /v1/quizzes/{id}/answers", Topics.QUIZ_ANSWERS, f.quiz(),
                        valid.valid(IngressEndpoints.answers(f)), 202),
                new Control("POST /v1/quizzes/{id}/close", Topics.QUIZ_ANSWERS, f.quiz(),
                        valid.valid(IngressEndpoints.close(f)), 202),
                new Control("POST /v1/webhooks/{id} (X-Webhook-Token)", Topics.WEBHOOKS_RECEIVED, f.genericSource(),
                        valid.valid(IngressEndpoints.genericWebhook(f)).set("Idempotency-Key", f.marker() + "-wh1"),
                        202),
                new Control("POST /v1/webhooks/{id}?token=", Topics.WEBHOOKS_RECEIVED, f.genericSource(),
                        RawRequest.of("POST", "/v1/webhooks/" + f.genericSource() + "?token=" + f.genericToken())
                                .json(generic), 202),
                new Control("POST /v1/webhooks/{id} (signed, second secret)", Topics.WEBHOOKS_RECEIVED, f.account(),
                        WebhookSigner.signed(RawRequest.of("POST", "/v1/webhooks/" + f.tradingSource())
                                .json(IngressEndpoints.tradingWebhook(f).validBody()), f.tradingSecretNext(),
                                f.marker() + "-signed", f.nowSeconds()), 202),
                new Control("POST /v1/telegram/{id}/webhook", Topics.TELEGRAM_UPDATES, "4242",
                        valid.valid(IngressEndpoints.telegramWebhook(f)), 200),
                new Control("POST /v1/bots/{id}/messages", Topics.TELEGRAM_OUTBOUND, "4242",
                        valid.valid(IngressEndpoints.botMessages(f)), 202));
    }
}
