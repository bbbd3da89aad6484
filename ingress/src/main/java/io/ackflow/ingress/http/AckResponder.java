package io.ackflow.ingress.http;

import io.ackflow.ingress.publish.Ack;
import io.ackflow.ingress.publish.EventPublisher;
import io.ackflow.ingress.publish.IngressOverloadedException;
import io.ackflow.ingress.publish.OutboundEvent;
import io.ackflow.schema.Json;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Publishes an event and turns the broker's answer into the HTTP answer: the given status with a JSON body once the
 * record is acknowledged, 503 with {@code Retry-After} when it is not (or when too many requests are in flight). The
 * request thread returns at once; the producer callback completes the response.
 */
@Component
public class AckResponder {
    private final EventPublisher publisher;

    public AckResponder(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /** {@code 202} with {@link Queued} once acknowledged. */
    public AckAnswer accepted(OutboundEvent event) {
        return respond(event, HttpStatus.ACCEPTED, ack -> Queued.of(event.eventId(), ack));
    }

    /** {@code status} with {@code body(ack)} once acknowledged. */
    public AckAnswer respond(OutboundEvent event, HttpStatus status, Function<Ack, Object> body) {
        CompletableFuture<Ack> ack;
        try {
            ack = publisher.publish(event);
        } catch (IngressOverloadedException e) {
            return AckAnswer.now(IngressProblems.failure(e));
        }
        return AckAnswer.of(ack.thenApply(a -> json(status, body.apply(a)))); // AckAnswer answers a failure
    }

    /** A JSON answer in the record codec's snake_case, independent of the application's HTTP message converters. */
    public static ResponseEntity<?> json(HttpStatus status, Object body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Json.write(body));
    }

    /** Serialises a record value; a value that cannot be written is the client's fault (400), never published. */
    public static byte[] serialise(Object value) {
        try {
            return Json.write(value);
        } catch (RuntimeException e) {
            throw ApiException.malformedJson("the request cannot be re-encoded as UTF-8 JSON");
        }
    }
}
