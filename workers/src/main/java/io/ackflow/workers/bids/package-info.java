/** The bid worker: accepts or rejects each placed bid against the auction it names. */
package io.ackflow.workers.bids;
