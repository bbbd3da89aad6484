package io.ackflow.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ackflow.embedded.EmbeddedStackInitializer;
import io.ackflow.schema.ops.ControlTopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The ops surface inside a running process: {@code /ops/lag}, the lag gauges, and online replay end to end. */
@SpringBootTest(classes = OpsEndpointIT.OpsTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ackflow.security.admin-token=" + OpsEndpointIT.ADMIN,
            "ackflow.security.api-keys=test-client-key-0123456789",
            "ackflow.ops.lag.interval=10m", "ackflow.ops.lag.stall-after=10m",
            "spring.autoconfigure.exclude=org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
@ContextConfiguration(initializers = EmbeddedStackInitializer.ForTests.class)
class OpsEndpointIT {
    static final String ADMIN = "test-admin-token-0123456789";
    static final String GROUP = TestKafka.randomName("online-group");
    static final OnlineConsumer CONSUMER = new OnlineConsumer(GROUP);

    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = {"io.ackflow.workers.WorkersAutoConfiguration",
        "io.ackflow.persister.PersisterAutoConfiguration", "io.ackflow.ingress.IngressAutoConfiguration"})
    @ComponentScan(basePackageClasses = OpsConfiguration.class)
    static class OpsTestApp {
        @Bean
        OnlineConsumer onlineConsumer() {
            return CONSUMER;
        }
    }

    @DynamicPropertySource
    static void groups(DynamicPropertyRegistry registry) {
        registry.add("ackflow.ops.lag.groups", () -> GROUP);
    }

    @LocalServerPort
    int port;

    @Autowired
    LagSampler sampler;

    @Autowired
    ControlTopicReader controlReader;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    static void stopConsumer() throws InterruptedException {
        CONSUMER.close();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void runningGroupRereadsFromTheRequestedOffsetAndLagIsExposed() throws Exception {
        String topic = TestKafka.randomName("online");
        TestKafka.createTopics(1, topic);
        TestKafka.produce(topic, 0, 6, "r", System.currentTimeMillis() - 5_000);
        CONSUMER.start(TestKafka.bootstrap(), topic);
        TopicPartition p0 = new TopicPartition(topic, 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestKafka.committed(GROUP).getOrDefault(p0, 0L) == 6L);

        // lag: 0 now; three more records make 3, with a time lag from their timestamps
        TestKafka.produce(topic, 0, 0, "none", null);
        assertThat(get("/ops/lag", null).statusCode()).isEqualTo(401);
        assertThat(get("/ops/lag", "test-client-key-0123456789").statusCode()).isEqualTo(401);
        sampler.sampleNow();
        HttpResponse<String> lag = get("/ops/lag?group=" + GROUP, ADMIN);
        assertThat(lag.statusCode()).isEqualTo(200);
        assertThat(lag.body()).contains("\"group\":\"" + GROUP + "\"").contains("\"lag\":0").contains("\"lag_seconds\"");
        String metrics = get("/actuator/prometheus", null).body();
        assertThat(metrics).containsPattern("ackflow_consumer_lag_records\\{[^}]*group=\"" + GROUP + "\"[^}]*\\} 0\\.0");
        for (String name : List.of("ackflow_consumer_lag_seconds", "ackflow_consumer_stalled",
                "ackflow_consumer_drain_seconds", "ackflow_consumer_rate")) {
            assertThat(metrics).containsPattern("(?m)^" + name + "\\{[^}]*group=\"" + GROUP + "\"");
        }

        // online replay: the group keeps running and re-reads from offset 2
        await().atMost(Duration.ofSeconds(20)).until(controlReader::isPositioned);
        int before = CONSUMER.seen.size();
        HttpResponse<String> replay = post("/ops/replay",
                "{\"group\":\"" + GROUP + "\",\"topic\":\"" + topic + "\",\"from\":\"2\"}");
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        assertThat(replay.body()).contains("\"mode\":\"ONLINE\"").contains("\"records\":4");
        await().atMost(Duration.ofSeconds(20)).until(() -> CONSUMER.seen.size() >= before + 4);
        assertThat(CONSUMER.seen.subList(before, before + 4)).containsExactly("0@2", "0@3", "0@4", "0@5");
        await().atMost(Duration.ofSeconds(10)).until(() -> TestKafka.committed(GROUP).get(p0) == 6L);

        String after = get("/actuator/prometheus", null).body();
        assertThat(after).containsPattern("ackflow_ops_replays_total\\{[^}]*group=\"" + GROUP + "\"[^}]*\\} 1\\.0");
        assertThat(after).containsPattern("ackflow_ops_replay_requests_total\\{[^}]*mode=\"online\"[^}]*\\} 1\\.0");
    }

    @Test
    void replayOfAStoppedGroupWithAMissingTopicIsAProblem() throws Exception {
        HttpResponse<String> r = post("/ops/replay", "{\"group\":\"g\",\"topic\":\"" + TestKafka.randomName("none")
                + "\",\"from\":\"0\"}");
        assertThat(r.statusCode()).isIn(400, 409);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        Map.of();
    }
}
