package io.ackflow.app.sweep;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Writes everything this test JVM logs, from the start of the application context on, to {@link #FILE}: the log of
 * the one process the sweep IT runs. Attached by an initializer because initializers run after Spring Boot has set up
 * logging, which would drop an appender attached earlier.
 */
public final class LogCapture implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    static final Path FILE = Path.of("target", "security-sweep-it", "ackflow.log").toAbsolutePath();
    private static FileAppender<ILoggingEvent> appender;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        start();
    }

    static synchronized void start() {
        if (appender != null) {
            return;
        }
        try {
            Files.createDirectories(FILE.getParent());
            Files.deleteIfExists(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(logging);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger - %msg%n%ex");
        encoder.start();
        appender = new FileAppender<>();
        appender.setContext(logging);
        appender.setName("security-sweep-it");
        appender.setFile(FILE.toString());
        appender.setEncoder(encoder);
        appender.start();
        logging.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    static synchronized void stop() {
        if (appender != null) {
            LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
            logging.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
            appender.stop();
            appender = null;
        }
    }
}
