package io.ackflow.app.ops;

import io.ackflow.app.ops.replay.ReplayPlan;
import io.ackflow.app.ops.replay.ReplaySpec;
import io.ackflow.app.ops.replay.Replayer;
import io.ackflow.schema.Json;
import io.ackflow.schema.auth.BearerCredentials;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ops/lag[?group=G]}: the latest lag sample as JSON. {@code POST /ops/replay}: plan (and unless
 * {@code dry_run}) apply a replay. Both need the admin token, except in dev mode. Errors are problem+json.
 */
@RestController
@RequestMapping("/ops")
public class OpsController {
    private final ObjectProvider<LagSampler> sampler;
    private final ObjectProvider<BearerCredentials> credentials;
    private final Replayer replayer;
    private final boolean devMode;

    public OpsController(ObjectProvider<LagSampler> sampler, ObjectProvider<BearerCredentials> credentials,
            Replayer replayer, Environment env) {
        this.sampler = sampler;
        this.credentials = credentials;
        this.replayer = replayer;
        this.devMode = env.getProperty("ackflow.dev.enabled", Boolean.class, false);
    }

    /** The body of {@code POST /ops/replay} (snake_case). */
    public record ReplayBody(String group, String topic, String from, String to, List<Integer> partitions,
            Boolean dryRun, String mode) {}

    @GetMapping("/lag")
    public ResponseEntity<?> lag(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @RequestParam(value = "group", required = false) String group) {
        requireAdmin(auth);
        LagSampler s = sampler.getIfAvailable();
        if (s == null) {
            throw new OpsUnavailableException("lag sampling is off in this process (ackflow.ops.lag.enabled=false)");
        }
        LagSampler.Snapshot snap = s.latest();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sampled_at", snap.sampledAt());
        body.put("interval_seconds", s.settings().interval().toSeconds());
        body.put("stall_after_seconds", s.settings().stallAfter().toSeconds());
        body.put("error", snap.error());
        body.put("partitions", snap.partitions().stream().filter(p -> group == null || group.equals(p.group()))
                .toList());
        return json(HttpStatus.OK, body);
    }

    @PostMapping(value = "/replay", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> replay(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @RequestBody byte[] raw) {
        requireAdmin(auth);
        ReplayBody body;
        try {
            body = Json.read(raw, ReplayBody.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the body is not valid JSON for a replay request");
        }
        if (body == null) {
            throw new IllegalArgumentException("the body must be a replay request object, not null");
        }
        ReplaySpec.Mode mode = body.mode() == null ? ReplaySpec.Mode.AUTO
                : ReplaySpec.Mode.valueOf(body.mode().toUpperCase(java.util.Locale.ROOT));
        ReplayPlan plan = replayer.plan(new ReplaySpec(body.group(), body.topic(), body.from(), body.to(),
                body.partitions(), mode));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("plan", plan);
        out.put("records", plan.records());
        if (Boolean.TRUE.equals(body.dryRun())) {
            out.put("applied", false);
        } else {
            out.put("applied", true);
            out.put("note", replayer.apply(plan).note());
        }
        return json(HttpStatus.OK, out);
    }

    private void requireAdmin(String auth) {
        if (devMode) {
            return;
        }
        BearerCredentials c = credentials.getIfAvailable();
        if (c == null || !c.isAdmin(auth)) {
            throw new NotAdminException();
        }
    }

    private static ResponseEntity<byte[]> json(HttpStatus status, Object body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Json.write(body));
    }

    @ExceptionHandler(NotAdminException.class)
    ResponseEntity<ProblemDetail> notAdmin() {
        return problem(HttpStatus.UNAUTHORIZED, "the /ops endpoints need Authorization: Bearer <admin token>");
    }

    @ExceptionHandler(OpsUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(OpsUnavailableException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<ProblemDetail> conflict(IllegalStateException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        ResponseEntity.BodyBuilder b = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            b.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return b.body(p);
    }

    static final class NotAdminException extends RuntimeException {
        NotAdminException() {
            super("admin token required");
        }
    }

    static final class OpsUnavailableException extends RuntimeException {
        OpsUnavailableException(String message) {
            super(message);
        }
    }
}
