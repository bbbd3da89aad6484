/** The persister benchmark: sustained upserts from a topic into PostgreSQL, against COPY and one-row commits. */
package io.ackflow.bench.persister;
