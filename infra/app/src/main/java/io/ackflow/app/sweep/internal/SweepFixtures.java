package io.ackflow.app.sweep.internal;

import io.ackflow.app.sweep.SecretScan;
import io.ackflow.app.sweep.SweepTarget;
import io.ackflow.schema.auth.BearerCredentials;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The ids and secrets of one sweep. Every id contains {@link #marker()}, and so does every valid body the inputs are
 * derived from, so a record published for any sweep request carries the marker in its key, its
 * {@code ackflow-source} header or its value. The secrets are fresh random values, registered through the fixtures'
 * definitions (two webhook sources, one bot) and searched for afterwards.
 *
 * @param refusedSecret a secret that only ever travels in requests that must be refused, so an error body that
 *     echoes a submitted token shows up in the search
 */
public record SweepFixtures(
        String marker,
        String genericSource,
        String tradingSource,
        String account,
        String bot,
        String genericSecret,
        String genericToken,
        String tradingSecret,
        String tradingSecretNext,
        String strangerSecret,
        String botToken,
        String botWebhookSecret,
        String refusedSecret,
        Clock clock) {

    public static SweepFixtures create(Clock clock) {
        SecureRandom random = new SecureRandom();
        String marker = "sweep-" + hex(random, 5);
        return new SweepFixtures(marker, marker + "-generic", marker + "-trading", marker + "-account",
                marker + "-bot", whsec(random), "tok_" + hex(random, 16), whsec(random), whsec(random), whsec(random),
                (100_000_000 + random.nextInt(899_999_999)) + ":" + base64url(random, 27), "wh_" + hex(random, 16),
                "refused_" + hex(random, 16), clock);
    }

    public String auction() {
        return marker + "-auction";
    }

    public String quiz() {
        return marker + "-quiz";
    }

    /** Sources and bots that header attacks aim at: a wrongly accepted definition must not replace a fixture. */
    public String spareId(String kind) {
        return marker + "-" + kind + "-x";
    }

    /** The consumer group named in {@code POST /ops/replay} inputs: no such group exists. */
    public String group() {
        return marker + "-group";
    }

    public long nowSeconds() {
        return clock.instant().getEpochSecond();
    }

    /** The part of the bot token after {@code :}: the secret part (the part before it is the bot's public id). */
    public String botTokenSecret() {
        return botToken.substring(botToken.indexOf(':') + 1);
    }

    /** The definitions the inputs need, sent (with the admin token) before the inputs; each must answer 200. */
    public List<Control> definitions(String adminToken, String telegramApiBaseUrl) {
        String rate = ",\"rate_limit\":{\"per_second\":100000,\"burst\":100000}";
        return List.of(
                Control.put("sources", io.ackflow.schema.Topics.SOURCES, genericSource, adminToken,
                        "{\"kind\":\"generic\",\"secrets\":[\"" + genericSecret + "\"],\"token\":\"" + genericToken
                                + "\"" + rate + "}"),
                Control.put("sources", io.ackflow.schema.Topics.SOURCES, tradingSource, adminToken,
                        "{\"kind\":\"trading\",\"account_id\":\"" + account + "\",\"secrets\":[\"" + tradingSecret
                                + "\",\"" + tradingSecretNext + "\"],\"max_body_bytes\":4096" + rate + "}"),
                Control.put("bots", io.ackflow.schema.Topics.BOTS, bot, adminToken,
                        "{\"token\":\"" + botToken + "\",\"webhook_secret\":\"" + botWebhookSecret + "\""
                                + (telegramApiBaseUrl == null ? "" : ",\"api_base_url\":\"" + telegramApiBaseUrl + "\"")
                                + "}"));
    }

    /** Every secret in use, labelled; the webhook secrets by their base64 part, which any copy of them contains. */
    public List<SecretScan.Secret> secrets(SweepTarget target) {
        List<SecretScan.Secret> out = new ArrayList<>();
        out.add(new SecretScan.Secret("admin token", target.adminToken()));
        target.apiKeys().forEach(k -> out.add(new SecretScan.Secret("API key " + BearerCredentials.keyId(k), k)));
        if (target.databasePassword() != null && !target.databasePassword().isBlank()) {
            out.add(new SecretScan.Secret("database password", target.databasePassword()));
        }
        out.add(new SecretScan.Secret("webhook secret of " + genericSource, base64Part(genericSecret)));
        out.add(new SecretScan.Secret("token of " + genericSource, genericToken));
        out.add(new SecretScan.Secret("webhook secret of " + tradingSource, base64Part(tradingSecret)));
        out.add(new SecretScan.Secret("second webhook secret of " + tradingSource, base64Part(tradingSecretNext)));
        out.add(new SecretScan.Secret("bot token of " + bot, botTokenSecret()));
        out.add(new SecretScan.Secret("webhook secret of " + bot, botWebhookSecret));
        out.add(new SecretScan.Secret("secret in refused request bodies", refusedSecret));
        return out;
    }

    private static String base64Part(String whsec) {
        return whsec.substring(whsec.indexOf('_') + 1);
    }

    private static String whsec(SecureRandom random) {
        byte[] key = new byte[24];
        random.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String base64url(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
