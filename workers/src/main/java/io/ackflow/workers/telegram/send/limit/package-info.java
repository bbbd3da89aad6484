/** Token buckets, per-bot limits and flood detection for Bot API calls; time comes from an injected nano clock. */
package io.ackflow.workers.telegram.send.limit;
