package io.ackflow.app.sweep.internal;

import io.ackflow.app.sweep.internal.IngressEndpoint.Auth;
import java.util.Collections;
import java.util.List;

/**
 * Every public ingress route, with a valid body and the field rules of {@code docs/api.md} broken one at a time. Every
 * valid body carries the marker in a field ingress copies into the record, and every path id contains it.
 */
public final class IngressEndpoints {
    private IngressEndpoints() {}

    public static List<IngressEndpoint> all(SweepFixtures f) {
        return List.of(auctions(f), bids(f), sources(f), accounts(f), quizzes(f), answers(f), close(f), bots(f),
                botMessages(f), telegramWebhook(f), genericWebhook(f), tradingWebhook(f));
    }

    static IngressEndpoint auctions(SweepFixtures f) {
        String t = "\"title\":\"" + f.marker() + " auction\"";
        String open = "\"opens_at\":\"2020-01-01T00:00:00Z\"";
        String close = "\"closes_at\":\"2099-01-01T00:00:00Z\"";
        return new IngressEndpoint("ingress", "PUT", "/v1/auctions/%s", f.auction(), Auth.ADMIN,
                "{" + t + "," + open + "," + close + "}", List.of(
                        "{}",
                        "{\"title\":\"\"," + open + "," + close + "}",
                        "{\"title\":\"" + "t".repeat(201) + "\"," + open + "," + close + "}",
                        "{\"title\":1," + open + "," + close + "}",
                        "{" + t + ",\"opens_at\":\"tomorrow\"," + close + "}",
                        "{" + t + ",\"opens_at\":1700000000," + close + "}",
                        "{" + t + ",\"opens_at\":\"2030-01-01T10:00:00\"," + close + "}",
                        "{" + t + ",\"opens_at\":\"2030-02-30T00:00:00Z\"," + close + "}",
                        "{" + t + ",\"opens_at\":\"2030-01-01T25:00:00Z\"," + close + "}",
                        "{" + t + ",\"opens_at\":\"2099-01-02T00:00:00Z\"," + close + "}",
                        "{" + t + "," + open + ",\"closes_at\":null}"), false);
    }

    static IngressEndpoint bids(SweepFixtures f) {
        String b = "\"bidder_id\":\"" + f.marker() + "-bidder\"";
        return new IngressEndpoint("ingress", "POST", "/v1/auctions/%s/bids", f.auction(), Auth.CLIENT,
                "{" + b + ",\"amount\":12.5,\"display_name\":\"" + f.marker() + "\"}", List.of(
                        "{}",
                        "{\"amount\":1}",
                        "{" + b + "}",
                        "{" + b + ",\"amount\":\"12.50\"}",
                        "{" + b + ",\"amount\":0}",
                        "{" + b + ",\"amount\":-3}",
                        "{" + b + ",\"amount\":1.123456789}",
                        "{" + b + ",\"amount\":1000000000001}",
                        "{" + b + ",\"amount\":1e400}",
                        "{" + b + ",\"amount\":-1e400}",
                        "{" + b + ",\"amount\":1e-400}",
                        "{" + b + ",\"amount\":true}",
                        "{" + b + ",\"amount\":null}",
                        "{" + b + ",\"amount\":[1]}",
                        "{" + b + ",\"amount\":{\"v\":1}}",
                        "{\"bidder_id\":\"\",\"amount\":1}",
                        "{\"bidder_id\":\"" + f.marker() + "b".repeat(129) + "\",\"amount\":1}",
                        "{\"bidder_id\":1,\"amount\":1}",
                        "{\"bidder_id\":\"" + f.marker() + "\\u0000b\",\"amount\":1}",
                        "{" + b + ",\"amount\":1,\"display_name\":\"" + "d".repeat(101) + "\"}",
                        "{" + b + ",\"amount\":1,\"display_name\":5}"), false);
    }

    static IngressEndpoint sources(SweepFixtures f) {
        String r = "\"token\":\"" + f.refusedSecret() + "\"";
        String g = "\"kind\":\"generic\"";
        String stranger = "\"" + f.strangerSecret() + "\"";
        return new IngressEndpoint("ingress", "PUT", "/v1/sources/%s", f.spareId("source"), Auth.ADMIN,
                "{" + g + "," + r + "}", List.of(
                        "{}",
                        "{\"kind\":\"weird\"," + r + "}",
                        "{\"kind\":7," + r + "}",
                        "{\"kind\":\"trading\"," + r + "}",
                        "{" + g + "}",
                        "{" + g + ",\"secrets\":\"" + f.strangerSecret() + "\"}",
                        "{" + g + ",\"secrets\":[\"not-a-whsec-secret-at-all\"]}",
                        "{" + g + ",\"secrets\":[\"whsec_!!!!not-base64!!!!\"]}",
                        "{" + g + ",\"secrets\":[\"whsec_AAAAAAAAAAA=\"]}",
                        "{" + g + ",\"secrets\":[" + String.join(",", Collections.nCopies(11, stranger)) + "]}",
                        "{" + g + ",\"token\":\"short\"}",
                        "{" + g + ",\"token\":\"" + "t".repeat(300) + "\"}",
                        "{" + g + "," + r + ",\"max_body_bytes\":100}",
                        "{" + g + "," + r + ",\"max_body_bytes\":524289}",
                        "{" + g + "," + r + ",\"max_body_bytes\":1e400}",
                        "{" + g + "," + r + ",\"max_body_bytes\":\"4096\"}",
                        "{" + g + "," + r + ",\"rate_limit\":{\"per_second\":0,\"burst\":1}}",
                        "{" + g + "," + r + ",\"rate_limit\":{\"per_second\":10000000,\"burst\":1}}",
                        "{" + g + "," + r + ",\"rate_limit\":{\"per_second\":1,\"burst\":0}}",
                        "{" + g + "," + r + ",\"rate_limit\":\"fast\"}"), false);
    }

    static IngressEndpoint accounts(SweepFixtures f) {
        return new IngressEndpoint("ingress", "PUT", "/v1/accounts/%s", f.account(), Auth.ADMIN,
                "{\"allowed_symbols\":[\"SWP\"],\"max_quantity\":10,\"note\":\"" + f.marker() + "\"}", List.of(
                        "{\"allowed_symbols\":\"SWP\"}",
                        "{\"allowed_symbols\":[1]}",
                        "{\"allowed_symbols\":[\"bad symbol!\"]}",
                        "{\"max_quantity\":\"1\"}",
                        "{\"max_quantity\":-1}",
                        "{\"max_quantity\":1e400}",
                        "{\"max_notional\":-5}",
                        "{\"max_orders_per_minute\":1.5}",
                        "{\"max_orders_per_minute\":-1}",
                        "{\"telegram\":{\"bot_id\":\"" + f.bot() + "\"}}",
                        "{\"telegram\":{\"chat_id\":1}}",
                        "{\"telegram\":\"x\"}",
                        "{\"telegram\":{\"bot_id\":\"" + f.bot() + "\",\"chat_id\":\"1\"}}"), false);
    }

    static String quiz(String marker, String questions, String extra) {
        return "{\"title\":\"" + marker + " quiz\",\"opens_at\":\"2020-01-01T00:00:00Z\","
                + "\"closes_at\":\"2099-01-01T00:00:00Z\",\"questions\":" + questions + extra + "}";
    }

    static String question(String id, String options, String correct) {
        return "{\"id\":\"" + id + "\",\"text\":\"?\",\"options\":" + options + ",\"correct_option_id\":\"" + correct
                + "\"}";
    }

    static IngressEndpoint quizzes(SweepFixtures f) {
        String m = f.marker();
        String ab = "[{\"id\":\"a\",\"text\":\"A\"},{\"id\":\"b\",\"text\":\"B\"}]";
        String valid = "[" + question("q1", ab, "a") + "]";
        return new IngressEndpoint("ingress", "PUT", "/v1/quizzes/%s", f.quiz(), Auth.ADMIN, quiz(m, valid, ""),
                List.of(
                        "{}",
                        quiz(m, "{}", ""),
                        quiz(m, "[]", ""),
                        quiz(m, "[" + question("q1", "[{\"id\":\"a\",\"text\":\"A\"}]", "a") + "]", ""),
                        quiz(m, "[" + question("q1", "[{\"id\":\"a\",\"text\":\"A\"},{\"id\":\"a\",\"text\":\"B\"}]",
                                "a") + "]", ""),
                        quiz(m, "[" + question("q1", ab, "z") + "]", ""),
                        quiz(m, "[" + question("q1", ab, "a") + "," + question("q1", ab, "b") + "]", ""),
                        quiz(m, "[" + question("q 1", ab, "a") + "]", ""),
                        quiz(m, valid, ",\"reward_top_n\":-1"),
                        quiz(m, valid, ",\"reward_top_n\":\"3\""),
                        quiz(m, valid, ",\"chat_ids\":\"1\""),
                        "{\"title\":\"" + m + "\",\"opens_at\":\"2099-01-02T00:00:00Z\","
                                + "\"closes_at\":\"2099-01-01T00:00:00Z\",\"questions\":" + valid + "}"), false);
    }

    static IngressEndpoint answers(SweepFixtures f) {
        String u = "\"user_id\":\"" + f.marker() + "-user\"";
        return new IngressEndpoint("ingress", "POST", "/v1/quizzes/%s/answers", f.quiz(), Auth.CLIENT,
                "{" + u + ",\"question_id\":\"q1\",\"option_id\":\"a\"}", List.of(
                        "{}",
                        "{\"user_id\":1,\"question_id\":\"q1\",\"option_id\":\"a\"}",
                        "{" + u + ",\"question_id\":[],\"option_id\":\"a\"}",
                        "{" + u + ",\"question_id\":\"q1\",\"option_id\":{}}",
                        "{\"user_id\":\"\",\"question_id\":\"q1\",\"option_id\":\"a\"}",
                        "{" + u + ",\"question_id\":\"q1\"}",
                        "{\"user_id\":\"" + f.marker() + "\\u0000\",\"question_id\":\"q1\",\"option_id\":\"a\"}",
                        "{\"user_id\":\"" + f.marker() + "u".repeat(10_000)
                                + "\",\"question_id\":\"q1\",\"option_id\":\"a\"}",
                        "{" + u + ",\"question_id\":\"q 1\",\"option_id\":\"a\"}"), false);
    }

    static IngressEndpoint close(SweepFixtures f) {
        return new IngressEndpoint("ingress", "POST", "/v1/quizzes/%s/close", f.quiz(), Auth.ADMIN, null, List.of(),
                false);
    }

    static IngressEndpoint bots(SweepFixtures f) {
        String token = "\"token\":\"999000111:" + f.refusedSecret() + "\"";
        return new IngressEndpoint("telegram", "PUT", "/v1/bots/%s", f.spareId("bot"), Auth.ADMIN,
                "{" + token + ",\"webhook_secret\":\"" + f.refusedSecret() + "\"}", List.of(
                        "{}",
                        "{\"token\":5}",
                        "{\"token\":\"\"}",
                        "{\"token\":[\"999000111:" + f.refusedSecret() + "\"]}",
                        "{" + token + ",\"webhook_secret\":\"bad secret!\"}",
                        "{" + token + ",\"webhook_secret\":\"" + "w".repeat(257) + "\"}",
                        "{" + token + ",\"limits\":{\"global_per_second\":-1}}",
                        "{" + token + ",\"limits\":\"fast\"}"), false);
    }

    static IngressEndpoint botMessages(SweepFixtures f) {
        String text = "\"text\":\"" + f.marker() + " message\"";
        return new IngressEndpoint("telegram", "POST", "/v1/bots/%s/messages", f.bot(), Auth.CLIENT,
                "{\"chat_id\":4242," + text + "}", List.of(
                        "{}",
                        "{\"chat_id\":\"4242\"," + text + "}",
                        "{\"chat_id\":1.5," + text + "}",
                        "{\"chat_id\":1e400," + text + "}",
                        "{\"chat_id\":99999999999999999999," + text + "}",
                        "{\"chat_id\":4242,\"text\":\"\"}",
                        "{\"chat_id\":4242,\"text\":\"" + "m".repeat(4097) + "\"}",
                        "{\"chat_id\":4242,\"text\":1}",
                        "{\"chat_id\":4242," + text + ",\"parse_mode\":\"XML\"}",
                        "{\"chat_id\":4242," + text + ",\"reply_markup\":\"x\"}",
                        "{\"chat_id\":4242}"), false);
    }

    /** The Bot API {@code Update}; ingress requires only an integer {@code update_id}. */
    static String update(String marker, String updateId) {
        return "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":1,"
                + "\"chat\":{\"id\":4242,\"type\":\"private\"},\"text\":\"" + marker + "\"}}";
    }

    static IngressEndpoint telegramWebhook(SweepFixtures f) {
        String m = f.marker();
        return new IngressEndpoint("telegram", "POST", "/v1/telegram/%s/webhook", f.bot(), Auth.TELEGRAM_SECRET,
                update(m, "7001"), List.of(
                        "{}",
                        update(m, "\"1\""),
                        update(m, "1.5"),
                        update(m, "-1"),
                        update(m, "1e400"),
                        update(m, "99999999999999999999"),
                        update(m, "true"),
                        update(m, "null"),
                        update(m, "[1]"),
                        "{\"message\":{\"text\":\"" + m + "\"}}"), false);
    }

    static IngressEndpoint genericWebhook(SweepFixtures f) {
        return new IngressEndpoint("webhook", "POST", "/v1/webhooks/%s", f.genericSource(), Auth.WEBHOOK_TOKEN,
                "{\"note\":\"" + f.marker() + "\"}", List.of(), true);
    }

    static IngressEndpoint tradingWebhook(SweepFixtures f) {
        String s = "\"symbol\":\"SWP\",\"side\":\"buy\"";
        return new IngressEndpoint("webhook", "POST", "/v1/webhooks/%s", f.tradingSource(), Auth.WEBHOOK_SIGNED,
                "{" + s + ",\"quantity\":1,\"order_type\":\"market\",\"note\":\"" + f.marker() + "\"}", List.of(
                        "{}",
                        "{\"symbol\":\"AA PL\",\"side\":\"buy\",\"quantity\":1}",
                        "{\"symbol\":\"" + "S".repeat(33) + "\",\"side\":\"buy\",\"quantity\":1}",
                        "{\"symbol\":\"SWP\",\"side\":\"hold\",\"quantity\":1}",
                        "{\"symbol\":\"SWP\",\"side\":1,\"quantity\":1}",
                        "{" + s + ",\"quantity\":0}",
                        "{" + s + ",\"quantity\":\"1\"}",
                        "{" + s + ",\"quantity\":1e400}",
                        "{" + s + ",\"quantity\":-1}",
                        "{" + s + ",\"quantity\":1,\"price\":-1}",
                        "{" + s + ",\"quantity\":1,\"order_type\":\"limit\"}",
                        "{" + s + ",\"quantity\":1,\"order_type\":\"stop\"}"), false);
    }
}
