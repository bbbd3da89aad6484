package io.ackflow.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.app.AckflowApplication;
import io.ackflow.embedded.EmbeddedStack;
import io.ackflow.embedded.EmbeddedStackInitializer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * {@code bench all --short} against the whole app in this JVM: the harness keeps working and every scenario's
 * correctness check passes. The health scenario, last, hangs a fake Telegram Bot API of its own, then stops and restarts
 * this JVM's shared Kafka and PostgreSQL. Speed is never asserted here; that is what the full run is for.
 */
@SpringBootTest(
        classes = AckflowApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ackflow.security.admin-token=" + BenchShortIT.ADMIN,
            "ackflow.security.api-keys=" + BenchShortIT.KEY,
            "ackflow.persister.flush-interval=200ms"
        })
@ContextConfiguration(initializers = EmbeddedStackInitializer.ForTests.class)
class BenchShortIT {
    static final String ADMIN = "pipeline-admin-token-0123456789";
    static final String KEY = "pipeline-client-key-0123456789";

    @LocalServerPort
    int port;

    @TempDir
    Path out;

    @Test
    void shortRunOfEveryScenarioIsCorrectAndWritesItsReport() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        BenchCommand.Options options = BenchCommand.parse(new String[] {"all", "--short", "--url",
                "http://127.0.0.1:" + port, "--admin-token", ADMIN, "--api-key", KEY, "--out", out.toString()}, Map.of());

        EmbeddedStack stack = EmbeddedStack.current();
        StackControl control = new StackControl() {
            @Override
            public void stopKafka() {
                stack.stopKafka();
            }

            @Override
            public void startKafka() {
                stack.startKafka();
            }

            @Override
            public void stopPostgres() {
                stack.stopPostgres();
            }

            @Override
            public void startPostgres() {
                stack.startPostgres();
            }
        };
        int status = BenchCommand.run(options, new Target(URI.create("http://127.0.0.1:" + port), ADMIN, KEY),
                Map.of("stack", "in-process test app"), control, print);

        String printed = buffer.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        assertThat(status).as(printed).isZero();
        assertThat(out.resolve("report.html")).isNotEmptyFile();
        assertThat(out.resolve("report.json")).isNotEmptyFile();
        assertThat(out.resolve("auction-ack.svg")).isNotEmptyFile();
        assertThat(out.resolve("quiz-close.svg")).isNotEmptyFile();
        assertThat(out.resolve("health-probes.svg")).isNotEmptyFile();
        assertThat(Files.readString(out.resolve("report.json")))
                .contains("ready p99 (" + HealthScenario.TELEGRAM_HANGS + ")");
        assertThat(printed).contains("all scenarios correct");
    }
}
