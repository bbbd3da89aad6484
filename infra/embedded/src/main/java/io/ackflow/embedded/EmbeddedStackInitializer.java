package io.ackflow.embedded;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the embedded stack before any DataSource or Kafka bean exists and points Spring at it.
 *
 * <p>Active when {@code ackflow.embedded.enabled=true} (dev mode), or always when used from a test's
 * {@code @ContextConfiguration(initializers = ...)} through {@link ForTests}.
 */
public class EmbeddedStackInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    public static final String ENABLED = "ackflow.embedded.enabled";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        if (!env.getProperty(ENABLED, Boolean.class, false)) {
            return;
        }
        EmbeddedStack.Options options = new EmbeddedStack.Options(
                Path.of(env.getProperty("ackflow.embedded.data-dir", defaultDataDir())),
                env.getProperty("ackflow.embedded.kafka-port", Integer.class, 0),
                env.getProperty("ackflow.embedded.postgres-port", Integer.class, 0),
                env.getProperty("ackflow.embedded.fresh", Boolean.class, false),
                false,
                // dev mode stops the stack itself, after the application context has closed
                env.getProperty("ackflow.embedded.stop-on-jvm-exit", Boolean.class, true));
        pointSpringAt(EmbeddedStack.startOnce(options), env);
    }

    /** The default data folder: {@code ~/.ackflow/data}. */
    public static String defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".ackflow", "data").toString();
    }

    static void pointSpringAt(EmbeddedStack stack, ConfigurableEnvironment env) {
        Map<String, Object> props = new HashMap<>();
        props.put("spring.kafka.bootstrap-servers", stack.bootstrapServers());
        props.put("spring.datasource.url", stack.jdbcUrl());
        props.put("spring.datasource.username", stack.jdbcUser());
        props.put("spring.datasource.password", "");
        env.getPropertySources().addFirst(new MapPropertySource("ackflow-embedded-stack", props));
    }

    /** For integration tests: always starts a throw-away stack (once per test JVM) in a temp folder. */
    public static class ForTests implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            pointSpringAt(EmbeddedStack.startOnce(EmbeddedStack.Options.forTests()), context.getEnvironment());
        }
    }
}
