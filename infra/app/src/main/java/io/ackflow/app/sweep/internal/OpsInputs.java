package io.ackflow.app.sweep.internal;

import io.ackflow.app.sweep.internal.BadBodies.Body;
import io.ackflow.app.sweep.internal.SweepInput.Surface;
import io.ackflow.schema.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What every process serves besides its role: {@code /ops} (admin token only, outside dev mode), {@code /dev} (off
 * outside dev mode) and the actuator (only health, metrics, prometheus and info exposed).
 *
 * <p>Every {@code POST /ops/replay} body says {@code "dry_run": true} and names a group that does not exist, so even
 * an input wrongly taken plans a replay and applies nothing.
 */
public final class OpsInputs {
    private final SweepFixtures f;
    private final String adminToken;
    private final String clientKey;

    public OpsInputs(SweepFixtures fixtures, String adminToken, String clientKey) {
        this.f = fixtures;
        this.adminToken = adminToken;
        this.clientKey = clientKey;
    }

    public List<SweepInput> all(List<Body> neverValid) {
        List<SweepInput> out = new ArrayList<>();
        out.addAll(opsWithoutAdmin());
        out.addAll(replayBodies(neverValid));
        out.addAll(dev());
        out.addAll(actuator());
        return out;
    }

    private String replay(String fields) {
        return "{\"group\":\"" + f.group() + "\",\"topic\":\"" + Topics.BIDS_PLACED + "\",\"dry_run\":true" + fields
                + "}";
    }

    /** Every way of not being the admin; documented: 401 (or 403) on every process. */
    List<SweepInput> opsWithoutAdmin() {
        List<SweepInput> out = new ArrayList<>();
        String[][] auths = {
            {"no Authorization", null},
            {"a client key", "Bearer " + clientKey},
            {"an unknown token", "Bearer wrong-" + f.marker() + "-0123456789"},
            {"the admin token with a character appended", "Bearer " + adminToken + "x"},
            {"the admin token as Basic credentials", "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + adminToken).getBytes(StandardCharsets.UTF_8))}};
        for (String[] a : auths) {
            RawRequest lag = RawRequest.of("GET", "/ops/lag");
            RawRequest replay = RawRequest.of("POST", "/ops/replay").json(replay(",\"from\":\"latest\""));
            if (a[1] != null) {
                lag.set("Authorization", a[1]);
                replay.set("Authorization", a[1]);
            }
            out.add(input("ops", "GET /ops/lag", "auth: " + a[0], lag, Expectation.ADMIN_ONLY));
            out.add(input("ops", "POST /ops/replay", "auth: " + a[0], replay, Expectation.ADMIN_ONLY));
        }
        out.add(input("ops", "GET /ops/lag", "auth: client key, then admin token", RawRequest.of("GET", "/ops/lag")
                .add("Authorization", "Bearer " + clientKey).add("Authorization", "Bearer " + adminToken),
                Expectation.ADMIN_ONLY));
        out.add(input("ops", "GET /ops/lag", "auth: admin token, then client key", RawRequest.of("GET", "/ops/lag")
                .add("Authorization", "Bearer " + adminToken).add("Authorization", "Bearer " + clientKey),
                Expectation.ADMIN_ONLY));
        out.add(input("ops", "POST /ops/replay", "auth: admin token, then client key",
                RawRequest.of("POST", "/ops/replay").json(replay(",\"from\":\"latest\""))
                        .add("Authorization", "Bearer " + adminToken).add("Authorization", "Bearer " + clientKey),
                Expectation.ADMIN_ONLY));
        return out;
    }

    /** With the admin token: bodies that are not a replay request, and positions no clock can reach. */
    List<SweepInput> replayBodies(List<Body> neverValid) {
        List<SweepInput> out = new ArrayList<>();
        for (Body b : neverValid) {
            out.add(input("ops", "POST /ops/replay", "body: " + b.attack(), RawRequest.of("POST", "/ops/replay")
                    .bearer(adminToken).body(b.bytes(), "application/json"), Expectation.REFUSED));
        }
        List<String> bodies = List.of(
                "{}",
                "{\"group\":\"" + f.group() + "\",\"from\":\"0\",\"dry_run\":true}",
                replay(""),
                replay(",\"from\":\"\""),
                replay(",\"from\":\"-5\""),
                replay(",\"from\":\"99999999999999999999\""),
                replay(",\"from\":\"9999999999999d\""),
                replay(",\"from\":\"106751991167d\""),
                replay(",\"from\":\"PT2562047788015215H\""),
                replay(",\"from\":\"P999999999999D\""),
                replay(",\"from\":\"-999999999-01-01T00:00:00Z\""),
                replay(",\"from\":\"+1000000000-01-01T00:00:00Z\""),
                replay(",\"from\":\"2030-13-01\""),
                replay(",\"from\":\"0\",\"to\":\"-999999999-01-01T00:00:00Z\""),
                replay(",\"from\":\"0\",\"partitions\":[null]"),
                replay(",\"from\":\"0\",\"partitions\":[-1]"),
                replay(",\"from\":\"0\",\"partitions\":[\"x\"]"),
                replay(",\"from\":\"0\",\"partitions\":[1e400]"),
                replay(",\"from\":\"0\",\"partitions\":[99999999999]"),
                replay(",\"from\":\"0\",\"mode\":\"sideways\""),
                replay(",\"from\":\"0\",\"dry_run\":\"yes\""),
                "{\"group\":\"\",\"topic\":\"" + Topics.BIDS_PLACED + "\",\"from\":\"0\",\"dry_run\":true}",
                "{\"group\":\"" + f.group() + "\\u0000\",\"topic\":\"" + f.marker() + "\\u0000\",\"from\":\"0\","
                        + "\"dry_run\":true}",
                "{\"group\":\"" + f.group() + "\",\"topic\":\"" + "t".repeat(10_000) + "\",\"from\":\"0\","
                        + "\"dry_run\":true}",
                "{\"group\":\"" + f.group() + "\",\"topic\":\"" + f.marker() + "-no-topic\",\"from\":\"0\","
                        + "\"dry_run\":true}");
        String common = replay("");
        String prefix = common.substring(0, common.length() - 1);
        for (String body : bodies) {
            String label = body.startsWith(prefix) ? "dry run of a real topic, " + body.substring(prefix.length())
                    : body.replace(f.group(), "<group>").replace(f.marker(), "<marker>");
            out.add(input("ops", "POST /ops/replay", "replay request " + IngressInputs.abbreviate(label),
                    RawRequest.of("POST", "/ops/replay").bearer(adminToken).json(body), Expectation.REFUSED));
        }
        out.add(input("ops", "POST /ops/replay", "Content-Type text/plain", RawRequest.of("POST", "/ops/replay")
                .bearer(adminToken).body(replay(",\"from\":\"0\"").getBytes(StandardCharsets.UTF_8), "text/plain"),
                Expectation.REFUSED));
        out.add(input("ops", "GET /ops/replay", "method GET", RawRequest.of("GET", "/ops/replay").bearer(adminToken),
                Expectation.REFUSED));
        out.add(input("ops", "DELETE /ops/lag", "method DELETE", RawRequest.of("DELETE", "/ops/lag")
                .bearer(adminToken), Expectation.REFUSED));
        return out;
    }

    /** Outside dev mode nothing answers under {@code /dev}, with or without the admin token. */
    List<SweepInput> dev() {
        List<SweepInput> out = new ArrayList<>();
        for (String path : new String[] {"/dev/telegram/sent", "/dev/telegram/sent?chat_id=4242&limit=5", "/dev/",
            "/dev/anything"}) {
            out.add(input("dev", "GET " + path, "outside dev mode, no token", RawRequest.of("GET", path),
                    Expectation.NOT_FOUND));
            out.add(input("dev", "GET " + path, "outside dev mode, admin token", RawRequest.of("GET", path)
                    .bearer(adminToken), Expectation.NOT_FOUND));
        }
        out.add(input("dev", "POST /dev/telegram/sent", "outside dev mode", RawRequest.of("POST",
                "/dev/telegram/sent").bearer(adminToken).json("{}"), Expectation.NOT_FOUND));
        return out;
    }

    /** Actuator endpoints that would hand out configuration, memory or control: none is exposed. */
    List<SweepInput> actuator() {
        List<SweepInput> out = new ArrayList<>();
        for (String name : new String[] {"env", "configprops", "heapdump", "threaddump", "loggers", "beans",
            "mappings", "conditions", "scheduledtasks", "caches", "sbom"}) {
            for (String path : new String[] {"/" + name, "/actuator/" + name}) {
                out.add(input("actuator", "GET " + path, "not exposed", RawRequest.of("GET", path)
                        .bearer(adminToken), Expectation.NOT_FOUND));
            }
        }
        for (String path : new String[] {"/shutdown", "/actuator/shutdown"}) {
            out.add(input("actuator", "POST " + path, "not exposed", RawRequest.of("POST", path).bearer(adminToken)
                    .json("{}"), Expectation.NOT_FOUND));
        }
        out.add(input("actuator", "GET /actuator/metrics/{name}", "metric name of 2000 characters",
                RawRequest.of("GET", "/actuator/metrics/" + "m".repeat(2000)), Expectation.REFUSED));
        out.add(input("actuator", "GET /actuator/metrics/{name}", "metric name %00",
                RawRequest.of("GET", "/actuator/metrics/%00"), Expectation.REFUSED));
        out.add(input("actuator", "GET /actuator/metrics/{name}", "tag with a broken escape",
                RawRequest.of("GET", "/actuator/metrics/jvm.memory.used?tag=area:%ZZ"), Expectation.REFUSED));
        out.add(input("actuator", "GET /health/{component}", "unknown component",
                RawRequest.of("GET", "/health/" + f.marker()), Expectation.NOT_FOUND));
        return out;
    }

    private static SweepInput input(String group, String endpoint, String attack, RawRequest request,
            Expectation expect) {
        return new SweepInput(group, endpoint, attack, Surface.EVERY_PROCESS, request, expect);
    }
}
