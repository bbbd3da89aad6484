/** A fake broker order API for tests, benchmarks and the dev stack. */
package io.ackflow.fakes.broker;
