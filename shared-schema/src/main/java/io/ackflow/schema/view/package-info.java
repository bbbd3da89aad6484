/** In-memory views of the compacted reference topics, so no role reads reference data from a database per record. */
package io.ackflow.schema.view;
