/** The operator commands ({@code ./ackflow lag|replay|dlt|kafka}): plain Java against Kafka, no web server. */
package io.ackflow.app.cli;
