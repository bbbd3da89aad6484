/** Operations surface of every process: the lag sampler, its Prometheus gauges and the {@code /ops/*} endpoints. */
package io.ackflow.app.ops;
