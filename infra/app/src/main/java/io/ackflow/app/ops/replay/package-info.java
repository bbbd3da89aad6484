/** Rewinding a consumer group: online through the ops control topic, offline by resetting committed offsets. */
package io.ackflow.app.ops.replay;
