package io.ackflow.ingress.http;

import io.ackflow.ingress.IngressAutoConfiguration;
import io.ackflow.ingress.publish.IngressMetrics;
import io.ackflow.ingress.publish.IngressOverloadedException;
import io.ackflow.ingress.publish.PublishFailedException;
import io.ackflow.schema.MediaTypes;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every ingress error as RFC 9457 {@code application/problem+json}, with an {@code errors} extension. */
@RestControllerAdvice(basePackageClasses = IngressAutoConfiguration.class)
public class IngressProblems {
    private static final Logger log = LoggerFactory.getLogger(IngressProblems.class);
    private static final MediaType PROBLEM = MediaType.parseMediaType(MediaTypes.PROBLEM_JSON);

    private final IngressMetrics metrics;

    public IngressProblems(IngressMetrics metrics) {
        this.metrics = metrics;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> refused(ApiException e) {
        metrics.rejected(e.reason());
        return render(e);
    }

    @ExceptionHandler({IngressOverloadedException.class, PublishFailedException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        return failure(e);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (e instanceof org.springframework.web.ErrorResponse spring) {
            // Spring MVC's own 4xx (not acceptable, missing parameter, ...): keep its status and problem body
            return ResponseEntity.status(spring.getStatusCode()).headers(spring.getHeaders()).contentType(PROBLEM)
                    .body(spring.getBody());
        }
        log.error("Unexpected ingress error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "unexpected error; nothing was published").build();
    }

    /** What the handlers above answer for {@code e}: for routes served outside the dispatcher ({@link DirectRoutes}). */
    public ResponseEntity<ProblemDetail> answer(Exception e) {
        if (e instanceof ApiException a) {
            return refused(a);
        }
        if (e instanceof IngressOverloadedException || e instanceof PublishFailedException) {
            return unavailable((RuntimeException) e);
        }
        return unexpected(e);
    }

    /** The answer for a failed publish (already counted by the publisher). */
    public static ResponseEntity<ProblemDetail> failure(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof IngressOverloadedException) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "Service unavailable",
                    "overloaded, retry later").header("Retry-After", "1").build();
        }
        if (e instanceof PublishFailedException p) {
            String detail = p.isTimeout()
                    ? "Kafka did not acknowledge the request in time; retry with the same Idempotency-Key"
                    : "Kafka refused the request; retry with the same Idempotency-Key";
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable", detail)
                    .header("Retry-After", "1").build();
        }
        if (e instanceof ApiException a) {
            return render(a);
        }
        log.error("Unexpected failure while publishing", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error", "unexpected error").build();
    }

    static ResponseEntity<ProblemDetail> render(ApiException e) {
        ResponseEntity<ProblemDetail> base =
                problem(e.status(), e.reason(), e.title(), e.getMessage()).build();
        ProblemDetail body = base.getBody();
        if (!e.errors().isEmpty()) {
            body.setProperty("errors", e.errors());
        }
        ResponseEntity.BodyBuilder b = ResponseEntity.status(e.status()).contentType(PROBLEM);
        e.headers().forEach(b::header);
        return b.body(body);
    }

    private static ProblemBuilder problem(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setType(URI.create("urn:ackflow:problem:" + slug.toLowerCase(Locale.ROOT).replace('_', '-')));
        return new ProblemBuilder(status, p);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private record ProblemBuilder(HttpStatus status, ProblemDetail body, java.util.Map<String, String> headers) {
        ProblemBuilder(HttpStatus status, ProblemDetail body) {
            this(status, body, new java.util.LinkedHashMap<>());
        }

        ProblemBuilder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        ResponseEntity<ProblemDetail> build() {
            ResponseEntity.BodyBuilder b = ResponseEntity.status(status).contentType(PROBLEM);
            headers.forEach(b::header);
            return b.body(body);
        }
    }
}
