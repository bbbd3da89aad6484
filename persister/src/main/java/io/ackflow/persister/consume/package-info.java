/** The persister's own poll loop: consume, buffer, flush, pause on outage, dead-letter poison, replay on command. */
package io.ackflow.persister.consume;
