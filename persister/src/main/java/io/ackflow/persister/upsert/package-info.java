/** Batch upserts: decode records to rows, collapse by key, one statement per table, offsets in the same transaction. */
package io.ackflow.persister.upsert;
