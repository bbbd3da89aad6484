package io.ackflow.ingress.http;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;

/**
 * What a publishing endpoint returns: the HTTP answer, available once the broker has acknowledged (or refused) the
 * record. {@link AckAnswerReturnValueHandler} writes it straight from the servlet's async context, without the second
 * trip through the filter chain and the dispatcher that a returned {@code CompletableFuture} costs.
 */
public final class AckAnswer {
    private final CompletableFuture<ResponseEntity<?>> answer;

    private AckAnswer(CompletableFuture<ResponseEntity<?>> answer) {
        this.answer = answer;
    }

    /** The answer {@code answer} will complete with; a failed future is answered like a failed publish (503, ...). */
    public static AckAnswer of(CompletableFuture<ResponseEntity<?>> answer) {
        return new AckAnswer(Objects.requireNonNull(answer, "answer")
                .handle((r, e) -> e == null ? r : IngressProblems.failure(e)));
    }

    /** An answer known now, such as a refusal before anything was sent. */
    public static AckAnswer now(ResponseEntity<?> answer) {
        return new AckAnswer(CompletableFuture.completedFuture(Objects.requireNonNull(answer, "answer")));
    }

    /** The answer; it always completes normally. */
    CompletableFuture<ResponseEntity<?>> future() {
        return answer;
    }
}
