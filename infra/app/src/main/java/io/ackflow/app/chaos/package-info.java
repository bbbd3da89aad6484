/** {@code ./ackflow chaos}: a multi-process topology, open-model load, seeded faults, and a checker of what a 202 promises. */
package io.ackflow.app.chaos;
