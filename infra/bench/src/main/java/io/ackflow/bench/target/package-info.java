/** Child JVMs the benchmark starts: the shared broker, the raw-producer baseline and Kafka's ProducerPerformance. */
package io.ackflow.bench.target;
