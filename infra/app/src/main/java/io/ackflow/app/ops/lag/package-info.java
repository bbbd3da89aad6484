/** Consumer lag in records and seconds, consume rate, time to drain and stall detection, from Kafka's own data. */
package io.ackflow.app.ops.lag;
