/** The ingress role: authenticate, validate, rate-limit, publish, answer 202. Never touches PostgreSQL. */
package io.ackflow.ingress;
