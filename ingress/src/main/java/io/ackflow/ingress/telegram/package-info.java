/** Telegram: bot definitions (admin), the Bot API webhook (secret token), and messages to send (client key). */
package io.ackflow.ingress.telegram;
