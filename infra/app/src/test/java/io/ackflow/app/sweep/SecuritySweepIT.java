package io.ackflow.app.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.app.AckflowApplication;
import io.ackflow.embedded.EmbeddedStack;
import io.ackflow.embedded.EmbeddedStackInitializer;
import io.ackflow.fakes.telegram.FakeTelegramServer;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bad-input and security sweep against one process running every role (as {@code ./ackflow dev} does, but not in
 * dev mode) on the embedded Kafka and PostgreSQL: no 5xx, nothing published for a refused request (while every valid
 * control is found), no secret in the log, the metrics or any answer, {@code /dev} off and {@code /ops} guarded.
 */
@SpringBootTest(classes = AckflowApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ackflow.security.admin-token=" + SecuritySweepIT.ADMIN,
            "ackflow.security.api-keys=" + SecuritySweepIT.KEY + "," + SecuritySweepIT.OTHER_KEY,
            "ackflow.persister.flush-interval=200ms"
        })
@ContextConfiguration(initializers = {EmbeddedStackInitializer.ForTests.class, SecuritySweepIT.DatabasePassword.class,
    LogCapture.class})
class SecuritySweepIT {
    static final String ADMIN = "sweep-admin-token-5f1c2e9a7b";
    static final String KEY = "sweep-client-key-83d0a6c41e";
    static final String OTHER_KEY = "sweep-other-key-2b7f9e0c3d";
    /** The embedded PostgreSQL trusts local connections, so any password works; this one is searched for. */
    static final String DB_PASSWORD = "sweep-db-password-c7e1a94f";

    /** Sets the database password after the embedded stack's initializer has pointed Spring at it. */
    static final class DatabasePassword implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("sweep-it-database",
                    Map.of("spring.datasource.password", DB_PASSWORD)));
        }
    }

    @DynamicPropertySource
    static void telegram(DynamicPropertyRegistry registry) {
        registry.add("ackflow.telegram.api-base-url", () -> FakeTelegramServer.shared().baseUrl());
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stopCapture() {
        LogCapture.stop();
    }

    @Test
    void malformedInputGetsNo5xxPublishesNothingAndNoSecretLeaks() {
        SweepTarget target = new SweepTarget(
                List.of(new SweepTarget.Process("ackflow", Set.of("ingress", "workers", "persister"),
                        URI.create("http://127.0.0.1:" + port))),
                EmbeddedStack.current().bootstrapServers(), ADMIN, List.of(KEY, OTHER_KEY), DB_PASSWORD,
                List.of(LogCapture.FILE), FakeTelegramServer.shared().baseUrl());

        SecuritySweep sweep = new SecuritySweep(target, 9, Clock.systemUTC());
        SweepResult r = sweep.run();
        sweep.writeOutcomes(LogCapture.FILE.resolveSibling("sweep-inputs.jsonl"));

        assertThat(r.problems()).as("problems").isEmpty();
        assertThat(r.inputs()).as("inputs tried").isGreaterThan(1000);
        assertThat(r.serverErrors()).as("5xx answers").isZero();
        assertThat(r.accepted()).as("malformed inputs taken").isZero();
        assertThat(r.wrongStatus()).as("refusals other than documented").isZero();
        assertThat(r.publishedForRefused()).as("records published for refused requests").isZero();
        assertThat(r.controlsFound()).as("valid controls the topic scan found").isEqualTo(r.controls());
        assertThat(r.controls()).isEqualTo(14);
        assertThat(r.devEndpointsOff()).as("/dev off").isTrue();
        assertThat(r.opsNeedAdminToken()).as("/ops needs the admin token").isTrue();
        assertThat(r.sensitiveActuatorOff()).as("env, heapdump, ... not exposed").isTrue();
        // not asserted: r.botTokenUsed(). Other applications cached in this JVM (PipelineIT, BenchShortIT) share the
        // broker and the Telegram sender group, and may take the bot message; their logs are captured all the same.
        assertThat(r.secretScan().hitCount()).as("secret hits %s", r.secretScan().hits()).isZero();
        assertThat(r.secretScan().secrets()).as("secrets searched for").isEqualTo(11);
        assertThat(r.secretScan().places()).as("places searched").isGreaterThan(r.inputs());
    }
}
