/** {@code ./ackflow kafka}: a standalone KRaft broker process, or a 3-node cluster of them on one machine. */
package io.ackflow.app.kafka;
