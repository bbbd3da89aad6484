package io.ackflow.app.bench;

/** Stops and starts the stack's dependencies; only available when the runner owns the stack in its own JVM. */
public interface StackControl {
    void stopKafka();

    void startKafka();

    void stopPostgres();

    void startPostgres();
}
