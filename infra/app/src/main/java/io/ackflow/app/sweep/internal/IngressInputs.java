package io.ackflow.app.sweep.internal;

import io.ackflow.app.sweep.internal.BadBodies.Body;
import io.ackflow.app.sweep.internal.IngressEndpoint.Auth;
import io.ackflow.app.sweep.internal.SweepInput.Surface;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The attacks every ingress route gets, each a valid request with one thing broken: the body, the credentials, the
 * content type, the {@code Idempotency-Key}, the path id, the method, or the HTTP framing itself.
 */
public final class IngressInputs {
    private final SweepFixtures fixtures;
    private final String adminToken;
    private final String clientKey;
    private final AtomicInteger deliveries = new AtomicInteger();

    public IngressInputs(SweepFixtures fixtures, String adminToken, String clientKey) {
        this.fixtures = fixtures;
        this.adminToken = adminToken;
        this.clientKey = clientKey;
    }

    /** A valid request to {@code path} with {@code body}: credentials (or a fresh signature) for {@code e}. */
    public RawRequest valid(IngressEndpoint e, String path, byte[] body, String contentType) {
        RawRequest r = RawRequest.of(e.method(), path);
        if (body != null) {
            r.body(body, contentType);
        }
        return switch (e.auth()) {
            case ADMIN -> r.bearer(adminToken);
            case CLIENT -> r.bearer(clientKey);
            case WEBHOOK_TOKEN -> r.set("X-Webhook-Token", fixtures.genericToken());
            case TELEGRAM_SECRET -> r.set("X-Telegram-Bot-Api-Secret-Token", fixtures.botWebhookSecret());
            case WEBHOOK_SIGNED -> WebhookSigner.signed(r, fixtures.tradingSecret(),
                    fixtures.marker() + "-d" + deliveries.incrementAndGet(), fixtures.nowSeconds());
        };
    }

    public RawRequest valid(IngressEndpoint e) {
        return valid(e, e.path(), e.hasBody() ? e.validBody().getBytes(StandardCharsets.UTF_8) : null,
                "application/json");
    }

    public List<SweepInput> all(IngressEndpoint e, List<Body> neverValid, Random random) {
        List<SweepInput> out = new ArrayList<>();
        if (e.hasBody()) {
            out.addAll(bodies(e, neverValid, random));
            out.addAll(contentTypes(e));
        }
        if (e.bearer()) {
            out.addAll(credentials(e));
        }
        if (e.method().equals("POST") && e.auth() != Auth.WEBHOOK_SIGNED && e.auth() != Auth.TELEGRAM_SECRET) {
            out.addAll(idempotencyKeys(e));
        }
        out.addAll(pathIds(e));
        out.addAll(methods(e));
        out.addAll(framing(e));
        return out;
    }

    List<SweepInput> bodies(IngressEndpoint e, List<Body> neverValid, Random random) {
        List<SweepInput> out = new ArrayList<>();
        for (Body b : neverValid) {
            out.add(input(e, "body: " + b.attack(), valid(e, e.path(), b.bytes(), "application/json"),
                    Expectation.REFUSED));
        }
        if (!e.anyObjectValid()) {
            for (String json : e.invalidObjects()) {
                out.add(input(e, "field rules: " + abbreviate(json), valid(e, e.path(),
                        json.getBytes(StandardCharsets.UTF_8), "application/json"), Expectation.REFUSED));
            }
        }
        byte[] good = e.validBody().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 3; i++) {
            int cut = 1 + random.nextInt(good.length - 1);
            out.add(input(e, "body: valid body truncated to " + cut + " bytes",
                    valid(e, e.path(), Arrays.copyOf(good, cut), "application/json"), Expectation.REFUSED));
        }
        return out;
    }

    List<SweepInput> contentTypes(IngressEndpoint e) {
        List<SweepInput> out = new ArrayList<>();
        byte[] good = e.validBody().getBytes(StandardCharsets.UTF_8);
        for (String ct : new String[] {null, "text/plain", "application/json; charset=utf-16",
            "application/json; charset=latin1", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "json", "application/" + "x".repeat(2000)}) {
            out.add(input(e, "Content-Type: " + (ct == null ? "missing" : abbreviate(ct)),
                    valid(e, e.path(), good, ct), Expectation.REFUSED));
        }
        out.add(input(e, "Content-Type with byte FF", valid(e, e.path(), good, "application/json")
                .remove("Content-Type").addBytes("Content-Type", bytes("application/json", 0xFF)),
                Expectation.REFUSED));
        return out;
    }

    /** Missing, unknown, malformed, duplicated and near-miss bearer tokens; a client key on an admin route. */
    List<SweepInput> credentials(IngressEndpoint e) {
        String own = e.auth() == Auth.ADMIN ? adminToken : clientKey;
        List<SweepInput> out = new ArrayList<>();
        RawRequest base = valid(e);
        out.add(input(e, "auth: no Authorization", base.copy().remove("Authorization"), Expectation.UNAUTHENTICATED));
        String[][] wrong = {
            {"Bearer without a token", "Bearer"},
            {"an unknown token", "Bearer wrong-" + fixtures.marker() + "-0123456789"},
            {"the token with a character appended", "Bearer " + own + "x"},
            {"the token without its last character", "Bearer " + own.substring(0, own.length() - 1)},
            {"the token under scheme Token", "Token " + own},
            {"the token as Basic credentials",
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + own).getBytes(StandardCharsets.UTF_8))},
            {"a 4000-character token", "Bearer " + "k".repeat(4000)}};
        for (String[] w : wrong) {
            out.add(input(e, "auth: " + w[0], base.copy().set("Authorization", w[1]), Expectation.UNAUTHENTICATED));
        }
        String swapped = swapCase(own);
        if (!swapped.equals(own)) {
            out.add(input(e, "auth: token with its case swapped", base.copy().set("Authorization", "Bearer " + swapped),
                    Expectation.UNAUTHENTICATED));
        }
        out.add(input(e, "auth: two Authorization headers (client key, admin token)", base.copy()
                .remove("Authorization").add("Authorization", "Bearer " + clientKey)
                .add("Authorization", "Bearer " + adminToken), Expectation.UNAUTHENTICATED));
        out.add(input(e, "auth: two Authorization headers (admin token, client key)", base.copy()
                .remove("Authorization").add("Authorization", "Bearer " + adminToken)
                .add("Authorization", "Bearer " + clientKey), Expectation.UNAUTHENTICATED));
        out.add(input(e, "auth: the same token twice", base.copy().add("Authorization", "Bearer " + own),
                Expectation.UNAUTHENTICATED));
        out.add(input(e, "auth: token followed by a NUL byte", base.copy().remove("Authorization")
                .addBytes("Authorization", bytes("Bearer " + own, 0x00)), Expectation.REFUSED));
        out.add(input(e, "auth: token followed by overlong UTF-8", base.copy().remove("Authorization")
                .addBytes("Authorization", bytes("Bearer " + own, 0xC0, 0xAF)), Expectation.REFUSED));
        if (e.auth() == Auth.ADMIN) {
            out.add(input(e, "auth: a client key on an admin route", base.copy().bearer(clientKey),
                    Expectation.FORBIDDEN));
        }
        return out;
    }

    List<SweepInput> idempotencyKeys(IngressEndpoint e) {
        RawRequest base = valid(e);
        String k = fixtures.marker() + "-key";
        return List.of(
                input(e, "Idempotency-Key of 256 characters", base.copy().set("Idempotency-Key", k + "k".repeat(256)),
                        Expectation.REFUSED),
                input(e, "Idempotency-Key empty", base.copy().set("Idempotency-Key", ""), Expectation.REFUSED),
                input(e, "Idempotency-Key twice", base.copy().add("Idempotency-Key", k + "1").add("Idempotency-Key",
                        k + "2"), Expectation.REFUSED),
                input(e, "Idempotency-Key with a control byte", base.copy().addBytes("Idempotency-Key",
                        bytes(k, 0x01)), Expectation.REFUSED),
                input(e, "Idempotency-Key with a NUL byte", base.copy().addBytes("Idempotency-Key", bytes(k, 0x00)),
                        Expectation.REFUSED),
                input(e, "Idempotency-Key with DEL", base.copy().addBytes("Idempotency-Key", bytes(k, 0x7F)),
                        Expectation.REFUSED),
                input(e, "Idempotency-Key with non-ASCII UTF-8", base.copy().addBytes("Idempotency-Key",
                        bytes(k, 0xC3, 0xA9)), Expectation.REFUSED));
    }

    /** Path ids that break {@code [A-Za-z0-9._:-]{1,64}}; each still contains the marker. */
    List<SweepInput> pathIds(IngressEndpoint e) {
        String m = e.id();
        List<SweepInput> out = new ArrayList<>();
        for (String id : new String[] {m + "%20id", m + "x".repeat(Math.max(1, 65 - m.length())), m + "%00",
            m + "%C0%AF", m + "%ED%A0%80", m + "caf%C3%A9", m + "%2Fb", m + "%22", m + "%", m + "%ZZ", m + "\u0080",
            m + "%0D%0AX-Injected:%201"}) {
            RawRequest r = valid(e).to(e.method(), e.pathWithId(id));
            out.add(input(e, "path id " + abbreviate(id.replace(m, "<id>")), r, Expectation.REFUSED));
        }
        return out;
    }

    List<SweepInput> methods(IngressEndpoint e) {
        List<SweepInput> out = new ArrayList<>();
        List<String> wrong = new ArrayList<>(List.of("DELETE", "PATCH", "TRACE"));
        wrong.add(e.method().equals("POST") ? "GET" : "POST");
        for (String method : wrong) {
            out.add(input(e, "method " + method, valid(e).to(method, e.path()), Expectation.REFUSED));
        }
        return out;
    }

    /** Headers over the container's limits and contradictory framing; the body is invalid where a lenient server
     * could otherwise take the request. */
    List<SweepInput> framing(IngressEndpoint e) {
        List<SweepInput> out = new ArrayList<>();
        byte[] truncated = "{\"a\":".getBytes(StandardCharsets.US_ASCII);
        RawRequest base = valid(e);
        out.add(input(e, "a 20KB header", base.copy().add("X-Pad", "p".repeat(20_000)), Expectation.REFUSED));
        RawRequest many = base.copy();
        for (int i = 0; i < 150; i++) {
            many.add("X-Header-" + i, "v");
        }
        out.add(input(e, "150 headers", many, Expectation.REFUSED));
        out.add(input(e, "a header name with a space", base.copy().add("X Bad", "1"), Expectation.REFUSED));
        out.add(input(e, "no Host header", valid(e, e.path(), truncated, "application/json").withoutHost(),
                Expectation.REFUSED));
        out.add(input(e, "Content-Length: abc", valid(e, e.path(), truncated, "application/json")
                .set("Content-Length", "abc").framing(RawRequest.Framing.AS_GIVEN), Expectation.REFUSED));
        out.add(input(e, "Content-Length: -1", valid(e, e.path(), truncated, "application/json")
                .set("Content-Length", "-1").framing(RawRequest.Framing.AS_GIVEN), Expectation.REFUSED));
        if (!e.hasBody()) {
            // a route that reads no body never sees its framing, and a Transfer-Encoding overriding a Content-Length
            // is RFC 9112: nothing below could be refused there
            return out;
        }
        out.add(input(e, "Content-Length and Transfer-Encoding", valid(e, e.path(),
                "5\r\n{\"a\":\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), "application/json")
                .set("Content-Length", "3").set("Transfer-Encoding", "chunked").framing(RawRequest.Framing.AS_GIVEN),
                Expectation.REFUSED));
        out.add(input(e, "chunk size not hex", valid(e, e.path(), "zz\r\n{}\r\n0\r\n\r\n".getBytes(
                StandardCharsets.US_ASCII), "application/json").set("Transfer-Encoding", "chunked")
                .framing(RawRequest.Framing.AS_GIVEN), Expectation.REFUSED));
        out.add(input(e, "chunked 100KB body (no Content-Length)", valid(e, e.path(),
                BadBodies.padded("", 100 * 1024).bytes(), "application/json").framing(RawRequest.Framing.CHUNKED),
                Expectation.REFUSED));
        return out;
    }

    static SweepInput input(IngressEndpoint e, String attack, RawRequest request, Expectation expect) {
        return new SweepInput(e.group(), e.name(), attack, Surface.INGRESS, request, expect);
    }

    static byte[] bytes(String prefix, int... raw) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(p, p.length + raw.length);
        for (int i = 0; i < raw.length; i++) {
            out[p.length + i] = (byte) raw[i];
        }
        return out;
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 60) + "... (" + s.length() + " chars)";
    }

    private static String swapCase(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return b.toString();
    }
}
