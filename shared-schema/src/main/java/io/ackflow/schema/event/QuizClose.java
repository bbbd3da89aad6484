package io.ackflow.schema.event;

import java.time.Instant;

/** A request to close a quiz, on {@code QUIZ_ANSWERS} behind every answer to it (same key, same partition). */
public record QuizClose(String eventId, String quizId, Instant requestedAt) {}
