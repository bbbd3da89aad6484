package io.ackflow.bench.persister;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logback with no configuration logs everything at DEBUG; the broker and clients would drown the benchmark's output. */
final class QuietLogs {
    private QuietLogs() {}

    static void apply() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            ctx.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
            for (String noisy : List.of("org.apache.kafka", "kafka", "state.change.logger", "io.zonky",
                    "org.flywaydb", "com.zaxxer", "org.postgresql")) {
                ctx.getLogger(noisy).setLevel(Level.WARN);
            }
            // endOffsets() of an unassigned consumer warns once per partition; nothing is wrong
            ctx.getLogger("org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils").setLevel(Level.ERROR);
        }
    }
}
