/** The naive ingress baseline: Spring MVC, {@code kafkaTemplate.send(...).get()}, then 202. */
package io.ackflow.bench.naive;
