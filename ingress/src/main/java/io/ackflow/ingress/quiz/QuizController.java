package io.ackflow.ingress.quiz;

import io.ackflow.ingress.http.AckAnswer;
import io.ackflow.ingress.http.AckResponder;
import io.ackflow.ingress.http.Caller;
import io.ackflow.ingress.http.JsonBodies;
import io.ackflow.ingress.http.JsonFields;
import io.ackflow.ingress.http.RequestGate;
import io.ackflow.ingress.publish.OutboundEvent;
import io.ackflow.schema.EventIds;
import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.QuizAnswer;
import io.ackflow.schema.event.QuizClose;
import io.ackflow.schema.event.QuizDefined;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Quizzes: {@code PUT /v1/quizzes/{quizId}} (admin) publishes {@link QuizDefined}; {@code POST .../answers} (client
 * key) publishes a {@link QuizAnswer} keyed by quiz; {@code POST .../close} (admin) publishes a {@link QuizClose} on the
 * same topic and key, so it lands behind every answer sent before it.
 */
@RestController
class QuizController {
    private final RequestGate gate;
    private final JsonBodies bodies;
    private final AckResponder responder;
    private final Clock clock = Clock.systemUTC();

    QuizController(RequestGate gate, JsonBodies bodies, AckResponder responder) {
        this.gate = gate;
        this.bodies = bodies;
        this.responder = responder;
    }

    @PutMapping("/v1/quizzes/{quizId}")
    AckAnswer define(@PathVariable String quizId, HttpServletRequest request) {
        Caller caller = gate.admin(request);
        String id = RequestGate.pathId("quizId", quizId);
        QuizDefined quiz = QuizDefinitions.read(id, JsonBodies.parseObject(bodies.read(request)));
        long now = clock.millis();
        OutboundEvent event = new OutboundEvent("quizzes", Topics.QUIZZES, id, EventIds.random(now),
                EventTypes.QUIZ_DEFINED, caller.id(), now, AckResponder.serialise(quiz));
        return responder.respond(event, HttpStatus.OK, ack -> quiz);
    }

    @PostMapping("/v1/quizzes/{quizId}/answers")
    AckAnswer answer(@PathVariable String quizId, HttpServletRequest request) {
        Caller caller = gate.client(request);
        String id = RequestGate.pathId("quizId", quizId);
        String idempotencyKey = RequestGate.idempotencyKey(request);
        JsonFields f = JsonBodies.parseObject(bodies.read(request));
        String userId = f.text("user_id", 128, true);
        String questionId = f.id("question_id", true);
        String optionId = f.id("option_id", true);
        f.validate();
        long now = clock.millis();
        String eventId = idempotencyKey == null
                ? EventIds.random(now)
                : EventIds.derive("quiz-answer:" + caller.id() + ":" + id, idempotencyKey);
        QuizAnswer answer = new QuizAnswer(eventId, id, userId, questionId, optionId, Instant.ofEpochMilli(now),
                "http", null, null);
        return responder.accepted(new OutboundEvent("quiz_answers", Topics.QUIZ_ANSWERS, id, eventId,
                EventTypes.QUIZ_ANSWER, caller.id(), now, AckResponder.serialise(answer)));
    }

    /** Takes no body (any body is ignored). Closing twice is harmless: the quiz worker closes a quiz once. */
    @PostMapping("/v1/quizzes/{quizId}/close")
    AckAnswer close(@PathVariable String quizId, HttpServletRequest request) {
        Caller caller = gate.admin(request);
        String id = RequestGate.pathId("quizId", quizId);
        String idempotencyKey = RequestGate.idempotencyKey(request);
        long now = clock.millis();
        String eventId = idempotencyKey == null
                ? EventIds.random(now)
                : EventIds.derive("quiz-close:" + id, idempotencyKey);
        QuizClose close = new QuizClose(eventId, id, Instant.ofEpochMilli(now));
        return responder.accepted(new OutboundEvent("quiz_close", Topics.QUIZ_ANSWERS, id, eventId,
                EventTypes.QUIZ_CLOSE, caller.id(), now, AckResponder.serialise(close)));
    }
}
