package io.ackflow.bench.naive;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The naive ingress baseline: a plain Spring Boot MVC endpoint that parses the bid, re-serialises it, calls
 * {@code kafkaTemplate.send(...).get()} and answers 202. No auth, validation, rate limit or idempotency: the bar
 * ackflow's ingress must beat while doing all of those.
 *
 * <p>Settings (command line): {@code --server.port}, {@code --spring.kafka.bootstrap-servers},
 * {@code --bench.topic}, {@code --bench.linger-ms}.
 */
// The bench jar also carries ackflow's modules (the persister benchmark needs them): none of them may load here.
@SpringBootApplication(excludeName = {
        "io.ackflow.schema.topics.TopicsAutoConfiguration",
        "io.ackflow.schema.auth.AuthAutoConfiguration",
        "io.ackflow.schema.ops.OpsControlAutoConfiguration",
        "io.ackflow.persister.PersisterAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
public class NaiveIngressApp {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(NaiveIngressApp.class);
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("spring.main.banner-mode", "off");
        defaults.put("spring.kafka.producer.acks", "all");
        defaults.put("spring.kafka.producer.key-serializer", "org.apache.kafka.common.serialization.StringSerializer");
        defaults.put("spring.kafka.producer.value-serializer",
                "org.apache.kafka.common.serialization.ByteArraySerializer");
        defaults.put("spring.kafka.producer.properties.enable.idempotence", "true");
        defaults.put("spring.kafka.producer.properties.linger.ms", "${bench.linger-ms:0}");
        defaults.put("spring.jackson.property-naming-strategy", "SNAKE_CASE");
        app.setDefaultProperties(defaults);
        app.run(args);
    }
}
