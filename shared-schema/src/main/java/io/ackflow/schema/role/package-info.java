/** Which parts of ackflow run in this process: ingress, workers, persister, or all three (dev mode). */
package io.ackflow.schema.role;
