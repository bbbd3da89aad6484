/** The Telegram sender: reads the outbound topic and calls the Bot API within each bot's limits, never twice. */
package io.ackflow.workers.telegram.send;
