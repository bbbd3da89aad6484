/** An open-model, constant-arrival-rate HTTP/1.1 load generator whose latencies count from each intended send time. */
package io.ackflow.bench.load;
