package io.ackflow.app.sweep.internal;

import static io.ackflow.app.sweep.internal.IngressInputs.bytes;
import static io.ackflow.app.sweep.internal.IngressInputs.input;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Webhook and Telegram credentials: Standard Webhooks signatures that are wrong, for another body or id, from another
 * secret, outside the timestamp tolerance, duplicated or malformed; source tokens and Telegram secrets that are wrong,
 * near misses, duplicated or oversized; unknown sources and bots.
 */
public final class WebhookInputs {
    /** Beyond {@code ackflow.ingress.webhook-tolerance}'s ceiling (1h) whatever the deployment sets. */
    private static final long OUTSIDE_TOLERANCE_SECONDS = 2 * 3600;
    /** Well-formed (32 bytes of base64) and wrong. */
    private static final String WRONG_SIGNATURE = "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    private final SweepFixtures f;
    private final IngressInputs ingress;

    public WebhookInputs(SweepFixtures fixtures, IngressInputs ingress) {
        this.f = fixtures;
        this.ingress = ingress;
    }

    public List<SweepInput> all() {
        List<SweepInput> out = new ArrayList<>();
        out.addAll(signatures(IngressEndpoints.tradingWebhook(f)));
        out.addAll(tokens(IngressEndpoints.genericWebhook(f)));
        out.addAll(telegramSecrets(IngressEndpoints.telegramWebhook(f)));
        return out;
    }

    List<SweepInput> signatures(IngressEndpoint e) {
        byte[] body = e.validBody().getBytes(StandardCharsets.UTF_8);
        long now = f.nowSeconds();
        String id = f.marker() + "-sig";
        String ts = Long.toString(now);
        String good = WebhookSigner.sign(f.tradingSecret(), id, ts, body);
        List<SweepInput> out = new ArrayList<>();
        out.add(input(e, "unsigned, no token", unsigned(e), Expectation.UNAUTHENTICATED));
        String[][] wrong = {
            {"signature not base64", "v1,garbage!!"},
            {"signature by a secret the source does not have",
                WebhookSigner.sign(f.strangerSecret(), id, ts, body)},
            {"signature over another body",
                WebhookSigner.sign(f.tradingSecret(), id, ts, "{}".getBytes(StandardCharsets.UTF_8))},
            {"signature for another webhook-id", WebhookSigner.sign(f.tradingSecret(), id + "x", ts, body)},
            {"signature for another timestamp",
                WebhookSigner.sign(f.tradingSecret(), id, Long.toString(now - 1), body)},
            {"version v2", good.replace("v1,", "v2,")},
            {"v1, with nothing after it", "v1,"},
            {"signature cut short", good.substring(0, good.length() - 4)},
            {"40 wrong signatures", String.join(" ", Collections.nCopies(40, WRONG_SIGNATURE))}};
        for (String[] w : wrong) {
            out.add(input(e, "signature: " + w[0], signed(e, id, ts, w[1]), Expectation.UNAUTHENTICATED));
        }
        out.add(input(e, "signature: header of 5000 characters", signed(e, id, ts, "v1," + "A".repeat(4997)),
                Expectation.REFUSED));
        for (long shift : new long[] {-OUTSIDE_TOLERANCE_SECONDS, OUTSIDE_TOLERANCE_SECONDS}) {
            String old = Long.toString(now + shift);
            out.add(input(e, "valid signature, timestamp " + (shift < 0 ? "2h old" : "2h ahead"),
                    signed(e, id, old, WebhookSigner.sign(f.tradingSecret(), id, old, body)),
                    Expectation.UNAUTHENTICATED));
        }
        for (String bad : new String[] {"soon", "-1", "1e9", "99999999999999999999", ts + ".5", "0x" + ts, ""}) {
            out.add(input(e, "valid signature, webhook-timestamp '" + bad + "'",
                    signed(e, id, bad, WebhookSigner.sign(f.tradingSecret(), id, bad, body)), Expectation.REFUSED));
        }
        out.add(input(e, "signature without webhook-id", signed(e, id, ts, good).remove("webhook-id"),
                Expectation.UNAUTHENTICATED));
        out.add(input(e, "signature without webhook-timestamp", signed(e, id, ts, good).remove("webhook-timestamp"),
                Expectation.UNAUTHENTICATED));
        out.add(input(e, "webhook-signature twice", signed(e, id, ts, good).add("webhook-signature", good),
                Expectation.REFUSED));
        out.add(input(e, "webhook-id twice", signed(e, id, ts, good).add("webhook-id", id), Expectation.REFUSED));
        out.add(input(e, "webhook-timestamp twice", signed(e, id, ts, good).add("webhook-timestamp", ts),
                Expectation.REFUSED));
        String longId = id + "i".repeat(256);
        out.add(input(e, "valid signature, webhook-id of 256+ characters",
                signed(e, longId, ts, WebhookSigner.sign(f.tradingSecret(), longId, ts, body)), Expectation.REFUSED));
        String ctlId = id + "\u0001";
        out.add(input(e, "valid signature, webhook-id with a control byte",
                signed(e, id, ts, WebhookSigner.sign(f.tradingSecret(), ctlId, ts, body)).remove("webhook-id")
                        .addBytes("webhook-id", bytes(id, 0x01)), Expectation.REFUSED));
        out.add(input(e, "valid signature, another source's path", signed(e, id, ts, good)
                .to("POST", "/v1/webhooks/" + f.genericSource()), Expectation.UNAUTHENTICATED));
        out.add(input(e, "valid signature, unknown source", signed(e, id, ts, good)
                .to("POST", "/v1/webhooks/" + f.marker() + "-nosource"), Expectation.NOT_FOUND));
        byte[] big = BadBodies.padded("", 5 * 1024).bytes();
        out.add(input(e, "valid signature, 5KB body (source limit 4KB)", WebhookSigner.signed(
                RawRequest.of("POST", e.path()).body(big, "application/json"), f.tradingSecret(), id, now),
                Expectation.REFUSED));
        return out;
    }

    private RawRequest unsigned(IngressEndpoint e) {
        return RawRequest.of("POST", e.path()).json(e.validBody());
    }

    private RawRequest signed(IngressEndpoint e, String id, String ts, String signature) {
        return unsigned(e).set("webhook-id", id).set("webhook-timestamp", ts).set("webhook-signature", signature);
    }

    List<SweepInput> tokens(IngressEndpoint e) {
        String t = f.genericToken();
        List<SweepInput> out = new ArrayList<>();
        String[][] headers = {
            {"an unknown token", "tok_wrong_" + f.marker()},
            {"the token with a character appended", t + "x"},
            {"the token without its last character", t.substring(0, t.length() - 1)},
            {"the token upper-cased", t.toUpperCase(java.util.Locale.ROOT)}};
        for (String[] h : headers) {
            out.add(input(e, "X-Webhook-Token: " + h[0], unsigned(e).set("X-Webhook-Token", h[1]),
                    Expectation.UNAUTHENTICATED));
        }
        out.add(input(e, "X-Webhook-Token: 2000 characters", unsigned(e).set("X-Webhook-Token", "t".repeat(2000)),
                Expectation.REFUSED));
        out.add(input(e, "X-Webhook-Token twice", unsigned(e).add("X-Webhook-Token", t).add("X-Webhook-Token", t),
                Expectation.REFUSED));
        out.add(input(e, "X-Webhook-Token followed by a NUL byte", unsigned(e).addBytes("X-Webhook-Token",
                bytes(t, 0x00)), Expectation.REFUSED));
        out.add(input(e, "?token= wrong", unsigned(e).to("POST", e.path() + "?token=tok_wrong"),
                Expectation.UNAUTHENTICATED));
        out.add(input(e, "?token= empty", unsigned(e).to("POST", e.path() + "?token="), Expectation.UNAUTHENTICATED));
        out.add(input(e, "?token= with a broken escape", unsigned(e).to("POST", e.path() + "?token=%ZZ"),
                Expectation.REFUSED));
        out.add(input(e, "?token= with invalid UTF-8", unsigned(e).to("POST", e.path() + "?token=%C3%28"),
                Expectation.UNAUTHENTICATED));
        out.add(input(e, "?token= right but the header wrong", unsigned(e).to("POST", e.path() + "?token=" + t)
                .set("X-Webhook-Token", "tok_wrong"), Expectation.UNAUTHENTICATED));
        out.add(input(e, "the right token but a wrong signature", unsigned(e).set("X-Webhook-Token", t)
                .set("webhook-id", f.marker() + "-sig").set("webhook-timestamp", Long.toString(f.nowSeconds()))
                .set("webhook-signature", WRONG_SIGNATURE),
                Expectation.UNAUTHENTICATED));
        out.add(input(e, "the right token, unknown source", unsigned(e).set("X-Webhook-Token", t)
                .to("POST", "/v1/webhooks/" + f.marker() + "-nosource"), Expectation.NOT_FOUND));
        out.add(input(e, "2MB body", ingress.valid(e, e.path(), BadBodies.padded("", 2 * 1024 * 1024).bytes(),
                "application/json"), Expectation.REFUSED_OR_CLOSED));
        return out;
    }

    List<SweepInput> telegramSecrets(IngressEndpoint e) {
        String s = f.botWebhookSecret();
        String header = "X-Telegram-Bot-Api-Secret-Token";
        RawRequest base = RawRequest.of("POST", e.path()).json(e.validBody());
        List<SweepInput> out = new ArrayList<>();
        out.add(input(e, "no secret header", base.copy(), Expectation.FORBIDDEN));
        String[][] wrong = {
            {"a wrong secret", "wrong_" + f.marker()},
            {"the secret with a character appended", s + "x"},
            {"the secret without its last character", s.substring(0, s.length() - 1)},
            {"the bot token instead of the secret", f.botToken()},
            {"a 300-character secret", "s".repeat(300)}};
        for (String[] w : wrong) {
            out.add(input(e, "secret: " + w[0], base.copy().set(header, w[1]), Expectation.FORBIDDEN));
        }
        out.add(input(e, "secret: empty", base.copy().set(header, ""), Expectation.REFUSED));
        out.add(input(e, "secret twice", base.copy().add(header, s).add(header, s), Expectation.FORBIDDEN));
        out.add(input(e, "secret followed by a control byte", base.copy().addBytes(header, bytes(s, 0x01)),
                Expectation.REFUSED));
        out.add(input(e, "the right secret, unknown bot", base.copy().set(header, s)
                .to("POST", "/v1/telegram/" + f.marker() + "-nobot/webhook"), Expectation.NOT_FOUND));
        return out;
    }
}
