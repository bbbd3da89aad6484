/** Dev mode: embedded Kafka and PostgreSQL, generated credentials, the fake Telegram API, and a start-up banner. */
package io.ackflow.app.dev;
