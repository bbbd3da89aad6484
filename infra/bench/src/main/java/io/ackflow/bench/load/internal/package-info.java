/** Connection and response-parsing details of the load generator. */
package io.ackflow.bench.load.internal;
