/** A local fake of the Telegram Bot API with Telegram's limits, injectable failures, and a record of every call. */
package io.ackflow.fakes.telegram;
