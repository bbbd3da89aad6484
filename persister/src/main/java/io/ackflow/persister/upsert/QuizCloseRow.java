package io.ackflow.persister.upsert;

import java.time.Instant;

/** A quiz close marker: freezes the quiz at {@code closedAt} and computes its final results, once. */
public record QuizCloseRow(String quizId, Instant closedAt, String eventId) {}
