package io.ackflow.persister.upsert;

/**
 * A record to publish after commit. {@code messageId} is unique: inserting the same message twice keeps the first.
 *
 * @param payloadJson the record value, JSON text
 * @param headersJson a JSON object of string header values
 */
public record OutboxRow(String messageId, String topic, String recordKey, String payloadJson, String headersJson) {}
