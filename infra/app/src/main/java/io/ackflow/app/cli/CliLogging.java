package io.ackflow.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Without Spring, Logback would print Kafka's DEBUG chatter; the CLI shows warnings and our own INFO lines. */
public final class CliLogging {
    private CliLogging() {}

    public static void quiet() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx) {
            ctx.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
            ctx.getLogger("io.ackflow").setLevel(Level.INFO);
            ctx.getLogger("org.apache.kafka").setLevel(Level.ERROR);
            ctx.getLogger("kafka").setLevel(Level.WARN);
        }
    }
}
