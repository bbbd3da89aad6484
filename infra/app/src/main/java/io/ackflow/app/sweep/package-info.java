/**
 * The bad-input and security sweep of {@code ./ackflow chaos}: malformed requests to every public endpoint, a topic
 * scan proving none of them was published, and a search for the secrets in use in logs, metrics and answers.
 */
package io.ackflow.app.sweep;
