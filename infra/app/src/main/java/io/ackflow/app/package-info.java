/** The one runnable: chooses roles, starts the dev stack, and hosts the operator commands. */
package io.ackflow.app;
