/** Benchmarks: open-model load generators, baselines, and reports. */
package io.ackflow.bench;
