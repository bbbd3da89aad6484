package io.ackflow.app;

import io.ackflow.app.dev.DevMode;
import io.ackflow.embedded.EmbeddedStack;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Entry point of {@code ./ackflow}: {@code dev}, a role ({@code ingress}, {@code workers}, {@code persister}), or
 * {@code run} (roles from {@code ACKFLOW_ROLES}).
 */
public final class AckflowMain {
    private AckflowMain() {}

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0].toLowerCase(Locale.ROOT);
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "dev" -> runDev(rest);
            case "ingress", "workers", "persister" -> runRoles(command, rest);
            case "run" -> runRoles(null, rest);
            case "help", "-h", "--help" -> printUsage(0);
            default -> {
                System.err.println("ackflow: unknown command '" + command + "'");
                printUsage(2);
            }
        }
    }

    private static void runDev(String[] args) {
        DevMode dev = DevMode.prepare(args);
        SpringApplication app = new SpringApplication(AckflowApplication.class);
        app.setDefaultProperties(dev.properties());
        // One ordered shutdown: the application (listeners, Tomcat, pool, producers) first, then Kafka, then PostgreSQL.
        app.setRegisterShutdownHook(false);
        ConfigurableApplicationContext context;
        try {
            context = app.run(dev.springArgs());
        } catch (RuntimeException e) {
            // Spring has already reported the cause; the broker's threads would keep the JVM alive otherwise.
            stopEmbeddedStackQuietly();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            EmbeddedStack.current().stop();
        }, "ackflow-shutdown"));
    }

    private static void stopEmbeddedStackQuietly() {
        try {
            EmbeddedStack.current().stop();
        } catch (IllegalStateException notStarted) {
            // the failure came before the stack started
        }
    }

    private static void runRoles(String role, String[] args) {
        SpringApplication app = new SpringApplication(AckflowApplication.class);
        String[] springArgs = args;
        if (role != null) {
            springArgs = java.util.stream.Stream.concat(java.util.stream.Stream.of("--ackflow.roles=" + role),
                            Arrays.stream(args))
                    .toArray(String[]::new);
        }
        app.run(springArgs);
    }

    private static void printUsage(int status) {
        System.out.println("""
                usage: ackflow <command> [options]

                  dev [--fresh]        all roles in one process on an embedded Kafka and PostgreSQL
                  ingress|workers|persister
                                       one role against KAFKA_BOOTSTRAP_SERVERS and DATABASE_URL
                  run                  the roles in ACKFLOW_ROLES (comma-separated)

                See docs/configuration.md for every setting.""");
        System.exit(status);
    }
}
