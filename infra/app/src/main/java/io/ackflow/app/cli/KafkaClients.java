package io.ackflow.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka client settings for the CLI: {@code --bootstrap} or {@code KAFKA_BOOTSTRAP_SERVERS} (default
 * {@code 127.0.0.1:9092}), plus {@code --command-config file.properties} for TLS/SASL, as Kafka's own tools do.
 */
public final class KafkaClients {
    public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    private KafkaClients() {}

    public static Map<String, Object> from(CliArgs args, Map<String, String> env) {
        Map<String, Object> props = new HashMap<>();
        args.get("command-config").ifPresent(file -> props.putAll(load(Path.of(file))));
        String bootstrap = args.get("bootstrap").orElse(env.getOrDefault(BOOTSTRAP_ENV, DEFAULT_BOOTSTRAP));
        props.put("bootstrap.servers", bootstrap);
        props.putIfAbsent("request.timeout.ms", "10000");
        props.putIfAbsent("default.api.timeout.ms", "15000");
        return props;
    }

    private static Map<String, Object> load(Path file) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read --command-config " + file, e);
        }
        Map<String, Object> m = new HashMap<>();
        p.forEach((k, v) -> m.put(k.toString(), v));
        return m;
    }
}
