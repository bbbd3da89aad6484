package io.ackflow.app.bench;

/** One replayed load: sets itself up with random ids (so runs never collide), drives load, then checks correctness. */
interface Scenario {
    String name();

    ScenarioResult run(Http http, boolean shortRun) throws InterruptedException;
}
