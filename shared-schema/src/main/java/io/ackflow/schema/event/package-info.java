/**
 * Record values, one Java record per event type, serialised by {@link io.ackflow.schema.Json} as snake_case JSON.
 * Fields may be added (readers ignore unknown fields); never renamed or removed.
 */
package io.ackflow.schema.event;
