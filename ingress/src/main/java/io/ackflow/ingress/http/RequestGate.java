package io.ackflow.ingress.http;

import io.ackflow.ingress.IngressProperties;
import io.ackflow.ingress.ratelimit.RateLimits;
import io.ackflow.schema.auth.BearerCredentials;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The checks every endpoint makes before it looks at a body: who is calling (bearer admin token or client key), path
 * ids, the client's rate limit and the {@code Idempotency-Key} header.
 */
@Component
public class RequestGate {
    /** Ids in paths and bodies: auctions, quizzes, sources, bots, accounts, questions, options. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    public static final String ID_RULE = "must match [A-Za-z0-9._:-]{1,64}";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_IDEMPOTENCY_KEY = 255;

    private final BearerCredentials credentials;
    private final RateLimits rateLimits;
    private final IngressProperties.RateLimit clientLimit;

    public RequestGate(BearerCredentials credentials, RateLimits rateLimits, IngressProperties props) {
        this.credentials = credentials;
        this.rateLimits = rateLimits;
        this.clientLimit = props.clientRateLimit();
    }

    /** The admin token, else 401 (no or unknown credentials) or 403 (a client key). */
    public Caller admin(HttpServletRequest request) {
        String auth = authorization(request);
        if (credentials.isAdmin(auth)) {
            return new Caller(Caller.ADMIN, true);
        }
        if (credentials.clientKeyId(auth).isPresent()) {
            throw ApiException.forbidden("this endpoint needs the admin token; a client key is not enough");
        }
        throw ApiException.unauthorized("missing or unknown bearer token");
    }

    /** A client key (or the admin token), else 401; then the key's rate limit, else 429. */
    public Caller client(HttpServletRequest request) {
        String auth = authorization(request);
        Caller caller = credentials.clientKeyId(auth)
                .map(id -> new Caller(id, false))
                .orElseGet(() -> credentials.isAdmin(auth) ? new Caller(Caller.ADMIN, true) : null);
        if (caller == null) {
            throw ApiException.unauthorized("missing or unknown bearer token");
        }
        limit("client:" + caller.id(), clientLimit.perSecond(), clientLimit.burst(), "client key " + caller.id());
        return caller;
    }

    /** Takes a token from {@code scope}'s bucket, else 429 with {@code Retry-After}. */
    public void limit(String scope, double perSecond, int burst, String what) {
        long retryAfter = rateLimits.acquire(scope, perSecond, burst);
        if (retryAfter > 0) {
            throw ApiException.rateLimited(retryAfter, what);
        }
    }

    /** A path segment used as an id, else 400 naming the path parameter. */
    public static String pathId(String parameter, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw ApiException.badRequest(parameter, ID_RULE);
        }
        return value;
    }

    /** The {@code Idempotency-Key} header: null when absent, else 1-255 printable ASCII characters. */
    public static String idempotencyKey(HttpServletRequest request) {
        return singleHeader(request, IDEMPOTENCY_KEY);
    }

    /** A header that may appear at most once, holding 1-255 printable ASCII characters; null when absent. */
    public static String singleHeader(HttpServletRequest request, String name) {
        return singleHeader(request, name, MAX_IDEMPOTENCY_KEY);
    }

    /** A header that may appear at most once, holding 1-{@code maxLength} printable ASCII characters. */
    public static String singleHeader(HttpServletRequest request, String name, int maxLength) {
        List<String> values = Collections.list(request.getHeaders(name));
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.badRequest(name, "must be given at most once");
        }
        String v = values.get(0);
        if (v.isEmpty() || v.length() > maxLength || !v.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw ApiException.badRequest(name, "must be 1-" + maxLength + " printable ASCII characters");
        }
        return v;
    }

    private static String authorization(HttpServletRequest request) {
        List<String> values = Collections.list(request.getHeaders("Authorization"));
        if (values.size() > 1) {
            throw ApiException.unauthorized("exactly one Authorization header is allowed");
        }
        return values.isEmpty() ? null : values.get(0);
    }
}
