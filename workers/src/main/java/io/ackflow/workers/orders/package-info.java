/** The order worker: trading webhooks become risk-checked orders, placed through a broker gateway exactly once. */
package io.ackflow.workers.orders;
