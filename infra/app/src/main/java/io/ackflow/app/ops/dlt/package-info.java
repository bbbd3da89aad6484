/** Dead-letter topics: counts by error class, inspection, and bounded redrive to the original topic. */
package io.ackflow.app.ops.dlt;
