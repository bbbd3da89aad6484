/** Operator control messages that running consumers obey, such as an online replay. */
package io.ackflow.schema.ops;
