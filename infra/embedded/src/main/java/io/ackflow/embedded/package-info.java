/** An in-process KRaft broker and an embedded PostgreSQL: the dev stack and the test stack are the same code. */
package io.ackflow.embedded;
