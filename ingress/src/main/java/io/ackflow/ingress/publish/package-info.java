/** Publishing validated requests to Kafka and answering once the broker acknowledges them. */
package io.ackflow.ingress.publish;
