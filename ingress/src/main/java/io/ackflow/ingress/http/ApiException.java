package io.ackflow.ingress.http;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request refused before anything was published. Rendered as RFC 9457 problem+json by {@link IngressProblems}; the
 * {@code reason} is the tag of the {@code ackflow.ingress.rejections} counter.
 */
public final class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String reason;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public ApiException(
            HttpStatus status, String reason, String title, String detail, List<FieldError> errors,
            Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.reason = reason;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public static ApiException badRequest(String field, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "validation", "Bad request", detail,
                field == null ? List.of() : List.of(new FieldError(field, detail)), Map.of());
    }

    public static ApiException malformedJson(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "validation", "Malformed JSON", detail,
                List.of(new FieldError("body", detail)), Map.of());
    }

    public static ApiException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + " " + errors.get(0).detail()
                : errors.size() + " fields are invalid";
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation", "Invalid request body", detail,
                errors, Map.of());
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "auth", "Unauthorized", detail, List.of(),
                Map.of("WWW-Authenticate", "Bearer"));
    }

    /** 401 for webhooks: the sender signs or carries a token, it does not use bearer authentication. */
    public static ApiException unauthenticatedWebhook(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "auth", "Unauthorized", detail, List.of(), Map.of());
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "auth", "Forbidden", detail, List.of(), Map.of());
    }

    public static ApiException tooLarge(long limit) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "too_large", "Request body too large",
                "the body is larger than the limit of " + limit + " bytes",
                List.of(new FieldError("body", "must be at most " + limit + " bytes")), Map.of());
    }

    public static ApiException unsupportedMediaType(String contentType) {
        return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "media_type", "Unsupported media type",
                "Content-Type must be application/json, got " + (contentType == null ? "none" : "'" + contentType + "'"),
                List.of(new FieldError("Content-Type", "must be application/json")), Map.of());
    }

    public static ApiException notFound(String field, String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", "Not found", detail,
                List.of(new FieldError(field, detail)), Map.of());
    }

    public static ApiException rateLimited(long retryAfterSeconds, String scope) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "rate_limit", "Too many requests",
                "rate limit of " + scope + " exceeded; retry after " + retryAfterSeconds + " s", List.of(),
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public HttpStatus status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
