/** Entry point of the benchmark jar. */
package io.ackflow.bench;
