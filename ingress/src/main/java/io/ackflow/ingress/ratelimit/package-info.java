/** Token-bucket rate limits per source and per client key, with an injectable clock. */
package io.ackflow.ingress.ratelimit;
