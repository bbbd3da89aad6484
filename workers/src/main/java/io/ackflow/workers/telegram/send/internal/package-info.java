/** The sender's moving parts: consumer loop, per-chat dispatcher, offset tracking, Bot API client, send ledger. */
package io.ackflow.workers.telegram.send.internal;
