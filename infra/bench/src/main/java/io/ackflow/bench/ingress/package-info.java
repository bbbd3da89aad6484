/** The ingress benchmark: targets, their set-up, the run order and the results table. */
package io.ackflow.bench.ingress;
