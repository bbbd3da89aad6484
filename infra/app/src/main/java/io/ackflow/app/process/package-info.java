/** Child JVMs of our own jar (brokers, roles, test consumers): start, kill -9, freeze, stop; for the CLI, tests and chaos runs. */
package io.ackflow.app.process;
