package io.ackflow.app.sweep.internal;

import io.ackflow.app.sweep.internal.SweepInput.Surface;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The read API the persister serves: credentials, ids, event ids, limits and methods. */
public final class ReadInputs {
    private final SweepFixtures f;
    private final String adminToken;
    private final String clientKey;

    public ReadInputs(SweepFixtures fixtures, String adminToken, String clientKey) {
        this.f = fixtures;
        this.adminToken = adminToken;
        this.clientKey = clientKey;
    }

    private record Route(String template, String format, String id, boolean limit) {
        String path(String rawId) {
            return format.formatted(rawId);
        }
    }

    public List<SweepInput> all() {
        List<Route> routes = List.of(
                new Route("GET /v1/auctions/{id}/leaderboard", "/v1/auctions/%s/leaderboard", f.auction(), true),
                new Route("GET /v1/quizzes/{id}/leaderboard", "/v1/quizzes/%s/leaderboard", f.quiz(), true),
                new Route("GET /v1/orders/{id}", "/v1/orders/%s", f.marker() + "-order", false),
                new Route("GET /v1/accounts/{id}/orders", "/v1/accounts/%s/orders", f.account(), true),
                new Route("GET /v1/events/{id}", "/v1/events/%s", "00000000-0000-0000-0000-000000000000", false));
        List<SweepInput> out = new ArrayList<>();
        for (Route r : routes) {
            out.addAll(credentials(r));
            out.addAll(ids(r));
            if (r.limit()) {
                out.addAll(limits(r));
            }
            for (String method : new String[] {"POST", "DELETE", "PATCH"}) {
                out.add(input(r, "method " + method, get(r.path(r.id())).to(method, r.path(r.id())),
                        Expectation.REFUSED));
            }
        }
        return out;
    }

    private RawRequest get(String path) {
        return RawRequest.of("GET", path).bearer(clientKey);
    }

    List<SweepInput> credentials(Route r) {
        String path = r.path(r.id());
        List<SweepInput> out = new ArrayList<>();
        out.add(input(r, "auth: no Authorization", RawRequest.of("GET", path), Expectation.UNAUTHENTICATED));
        String[][] wrong = {
            {"an unknown token", "Bearer wrong-" + f.marker() + "-0123456789"},
            {"the key with a character appended", "Bearer " + clientKey + "x"},
            {"the key as Basic credentials",
                "Basic " + Base64.getEncoder().encodeToString(("u:" + clientKey).getBytes(StandardCharsets.UTF_8))},
            {"Bearer without a token", "Bearer"}};
        for (String[] w : wrong) {
            out.add(input(r, "auth: " + w[0], RawRequest.of("GET", path).set("Authorization", w[1]),
                    Expectation.UNAUTHENTICATED));
        }
        out.add(input(r, "auth: two Authorization headers", RawRequest.of("GET", path)
                .add("Authorization", "Bearer " + clientKey).add("Authorization", "Bearer " + adminToken),
                Expectation.UNAUTHENTICATED));
        return out;
    }

    List<SweepInput> ids(Route r) {
        List<SweepInput> out = new ArrayList<>();
        boolean event = r.template().startsWith("GET /v1/events/");
        String m = event ? f.marker() : r.id();
        List<String> bad = new ArrayList<>(List.of(m + "%20id", m + "x".repeat(201), m + "%00", m + "%C0%AF",
                m + "%ED%A0%80", m + "'%20OR%20'1'='1", "-" + m, m + "%2Fb", m + "%ZZ"));
        if (event) {
            bad.addAll(List.of("00000000-0000-0000-0000-00000000000G", "00000000-0000-0000-0000-0000000000AA",
                    "00000000-0000-0000-0000-000000000000%00", "0".repeat(36)));
        }
        for (String id : bad) {
            out.add(input(r, "id " + IngressInputs.abbreviate(id.replace(m, "<id>")), get(r.path(id)),
                    Expectation.REFUSED));
        }
        return out;
    }

    List<SweepInput> limits(Route r) {
        List<SweepInput> out = new ArrayList<>();
        for (String limit : new String[] {"0", "-1", "1001", "99999999999999999999", "abc", "1e3", "NaN", "10.5",
            "%00", "%ZZ"}) {
            out.add(input(r, "limit=" + limit, get(r.path(r.id()) + "?limit=" + limit), Expectation.REFUSED));
        }
        return out;
    }

    private static SweepInput input(Route r, String attack, RawRequest request, Expectation expect) {
        return new SweepInput("read", r.template(), attack, Surface.READ, request, expect);
    }
}
