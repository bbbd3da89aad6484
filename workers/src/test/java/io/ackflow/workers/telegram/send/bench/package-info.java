/** Benchmarks of the Telegram sender against the fake Bot API; run on demand, never as part of the test suite. */
package io.ackflow.workers.telegram.send.bench;
