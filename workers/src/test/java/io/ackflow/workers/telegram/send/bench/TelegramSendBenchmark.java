package io.ackflow.workers.telegram.send.bench;

import static org.awaitility.Awaitility.await;

import io.ackflow.embedded.EmbeddedStackInitializer;
import io.ackflow.fakes.telegram.FakeTelegramServer;
import io.ackflow.schema.ConsumerGroups;
import io.ackflow.schema.Json;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.TelegramSend;
import io.ackflow.workers.telegram.send.TelegramSendProperties;
import io.ackflow.workers.telegram.send.TelegramSender;
import io.ackflow.workers.telegram.send.internal.BotDirectory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * Issue 6's speed check: two sender instances against the fake Bot API (Telegram's limits), on the embedded broker
 * and PostgreSQL. Run it with the command in {@code docs/benchmarks-telegram.md}:
 *
 * <pre>./mvnw -B -o verify -pl workers -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=TelegramSendBenchmark -Dfailsafe.failIfNoSpecifiedTests=false -Dackflow.bench=true</pre>
 *
 * It prints a Markdown table and writes it to {@code workers/target/benchmarks-telegram.md}.
 */
@SpringBootTest(classes = TelegramSendBenchmark.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "ackflow.security.admin-token=bench-admin-token-0123456789",
            "ackflow.security.api-keys=bench-client-key-0123456789",
            "ackflow.telegram.sender.enabled=false"
        })
@ContextConfiguration(initializers = EmbeddedStackInitializer.ForTests.class)
@EnabledIfSystemProperty(named = "ackflow.bench", matches = "true")
class TelegramSendBenchmark {
    private static final double LIMIT = 30;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {}

    @Autowired
    KafkaProperties kafka;

    @Autowired
    DataSource dataSource;

    private final List<String> rows = new ArrayList<>();

    @Test
    void sustainedRateAndQuizBurst() throws IOException {
        FakeTelegramServer fake = FakeTelegramServer.start();
        String backlogBot = "710000001";
        String quizBot = "710000002";
        String warmBot = "710000003";
        Map<String, TelegramSendProperties.StaticBot> bots = Map.of(
                warmBot, new TelegramSendProperties.StaticBot(warmBot + ":bench", null),
                backlogBot, new TelegramSendProperties.StaticBot(backlogBot + ":bench", null),
                quizBot, new TelegramSendProperties.StaticBot(quizBot + ":bench", null));
        TelegramSendProperties props = new TelegramSendProperties(URI.create(fake.baseUrl()), bots, null, null);
        BotDirectory directory = new BotDirectory(null, props);
        List<TelegramSender> senders = new ArrayList<>();
        for (String name : List.of("bench-a", "bench-b")) {
            senders.add(new TelegramSender(props, kafka.buildConsumerProperties(), kafka.buildProducerProperties(),
                    dataSource, directory, new SimpleMeterRegistry(), System::nanoTime, Clock.systemUTC(), name,
                    ConsumerGroups.TELEGRAM_SENDER));
        }
        senders.forEach(TelegramSender::start);
        Map<String, Object> producerProps = new HashMap<>(kafka.buildProducerProperties());
        producerProps.put("linger.ms", 5);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                new ByteArraySerializer())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> senders.stream().allMatch(s -> s.share() > 0)
                    && Math.abs(senders.stream().mapToDouble(TelegramSender::share).sum() - 1) < 1e-9);
            // warm-up (not reported): connections, JIT, the fake's handlers; a cold JVM stalls in its first seconds
            run(fake, producer, senders, warmBot, 150, 150, "warm-up");
            rows.clear();
            run(fake, producer, senders, backlogBot, 3_000, 1_000, "3,000 messages to 1,000 chats");
            run(fake, producer, senders, quizBot, 100, 100, "quiz: 100 players finish at once");
        } finally {
            senders.forEach(TelegramSender::stop);
            fake.close();
        }
        String table = String.join("\n", List.of(
                "| scenario | messages | limit | sustained rate | of limit | 429s | completion | minimum (messages / limit) | over minimum |",
                "|---|---|---|---|---|---|---|---|---|")) + "\n" + String.join("\n", rows) + "\n";
        System.out.println("\n" + table);
        Path out = Path.of("target", "benchmarks-telegram.md");
        Files.writeString(out, table);
    }

    private void run(FakeTelegramServer fake, KafkaProducer<String, byte[]> producer, List<TelegramSender> senders,
            String botId, int messages, int chats, String scenario) {
        Random random = new Random(42);
        long[] chatIds = new long[chats];
        for (int i = 0; i < chats; i++) {
            chatIds[i] = 1 + (random.nextLong() & Long.MAX_VALUE) % 1_000_000_000_000L;
        }
        long startNanos = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            long chat = chatIds[i % chats];
            TelegramSend send = new TelegramSend("bench:" + UUID.randomUUID(), botId, chat, TelegramSend.SEND_MESSAGE,
                    Json.MAPPER.createObjectNode().put("text", scenario + " #" + i), "bench", Instant.now());
            producer.send(new ProducerRecord<>(Topics.TELEGRAM_OUTBOUND, String.valueOf(chat), Json.write(send)));
        }
        producer.flush();
        await().atMost(Duration.ofSeconds((long) (messages / LIMIT * 3 + 60))).pollInterval(Duration.ofMillis(50))
                .until(() -> fake.callsOfBot(botId).stream().filter(FakeTelegramServer.Call::delivered).count() >= messages);
        List<FakeTelegramServer.Call> calls = fake.callsOfBot(botId);
        List<FakeTelegramServer.Call> delivered = calls.stream().filter(FakeTelegramServer.Call::delivered).toList();
        long first = delivered.get(0).nanoTime();
        long last = delivered.get(delivered.size() - 1).nanoTime();
        double sustained = (delivered.size() - 1) / ((last - first) / 1e9);
        double completion = (last - startNanos) / 1e9;
        double minimum = messages / LIMIT;
        long tooMany = calls.stream().filter(c -> c.status() == 429).count();
        rows.add(String.format("| %s | %d | %.0f/s | %.2f/s | %.1f%% | %d | %.2f s | %.2f s | %+.1f%% |", scenario,
                delivered.size(), LIMIT, sustained, 100 * sustained / LIMIT, tooMany, completion, minimum,
                100 * (completion - minimum) / minimum));
    }
}
