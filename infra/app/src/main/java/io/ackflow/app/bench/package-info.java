/** {@code ./ackflow bench}: the replaced systems' load scenarios, end to end, with a report and a correctness check. */
package io.ackflow.app.bench;
