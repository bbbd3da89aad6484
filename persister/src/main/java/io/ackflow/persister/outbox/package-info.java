/** The transactional outbox: records written with a flush, published to Kafka after the commit. */
package io.ackflow.persister.outbox;
