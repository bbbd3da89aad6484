/** The topic catalog: partition counts configured in one place, created at start-up, and checked. */
package io.ackflow.schema.topics;
