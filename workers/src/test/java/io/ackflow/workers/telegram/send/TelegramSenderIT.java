package io.ackflow.workers.telegram.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ackflow.fakes.telegram.FakeTelegramServer;
import io.ackflow.embedded.EmbeddedStackInitializer;
import io.ackflow.schema.ConsumerGroups;
import io.ackflow.schema.Headers;
import io.ackflow.schema.Json;
import io.ackflow.schema.RecordHeaders;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.BotDefined;
import io.ackflow.schema.event.TelegramSend;
import io.ackflow.workers.telegram.send.internal.BotDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.node.ObjectNode;

/** The sender against the embedded broker and PostgreSQL and the fake Bot API. */
@SpringBootTest(classes = TelegramSendTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "ackflow.security.admin-token=test-admin-token-0123456789",
            "ackflow.security.api-keys=test-client-key-0123456789",
            "ackflow.telegram.sender.initial-backoff=50ms",
            "ackflow.telegram.sender.max-backoff=200ms",
            // the test JVM shares one broker with the other workers ITs, which create the topics with 3 partitions
            "ackflow.topics.default-partitions=3"
        })
@ContextConfiguration(initializers = EmbeddedStackInitializer.ForTests.class)
class TelegramSenderIT {
    private static final FakeTelegramServer fake = FakeTelegramServer.shared();
    private static TelegramTestSupport support;

    @Autowired
    KafkaProperties kafka;

    @Autowired
    DataSource dataSource;

    @Autowired
    TelegramSender sender;

    @Autowired
    BotDirectory bots;

    @Autowired
    TelegramSendProperties properties;

    @Autowired
    MeterRegistry registry;

    @DynamicPropertySource
    static void fakeApi(DynamicPropertyRegistry registry) {
        registry.add("ackflow.telegram.api-base-url", fake::baseUrl);
    }

    @BeforeAll
    static void noop() {}

    @AfterAll
    static void closeSupport() {
        if (support != null) {
            support.close();
            support = null;
        }
    }

    private TelegramTestSupport support() {
        if (support == null) {
            support = new TelegramTestSupport(kafka.buildProducerProperties(), fake);
        }
        return support;
    }

    private String state(String messageId) {
        return new JdbcTemplate(dataSource).query("SELECT state FROM telegram_sends WHERE message_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, messageId);
    }

    private String knownBot(BotDefined.Limits limits) {
        String botId = support().defineBot(limits);
        await().atMost(Duration.ofSeconds(10)).until(() -> bots.endpoint(botId).isPresent());
        return botId;
    }

    @Test
    void sendsMessagesEditsAndCallbackAnswersEndToEnd() {
        String botId = knownBot(null);
        long chat = TelegramTestSupport.randomChat();
        ObjectNode params = Json.MAPPER.createObjectNode().put("text", "*Hello*").put("parse_mode", "MarkdownV2");
        params.putObject("reply_markup").putArray("inline_keyboard").addArray().addObject()
                .put("text", "A").put("callback_data", "quiz:q1:a");
        TelegramSend hello = new TelegramSend("test:" + UUID.randomUUID(), botId, chat, TelegramSend.SEND_MESSAGE,
                params, "test", Instant.now());
        TelegramSend edit = new TelegramSend("test:" + UUID.randomUUID(), botId, chat, TelegramSend.EDIT_MESSAGE_TEXT,
                Json.MAPPER.createObjectNode().put("message_id", 5).put("text", "edited"), "test", Instant.now());
        TelegramSend answer = new TelegramSend("test:" + UUID.randomUUID(), botId, chat,
                TelegramSend.ANSWER_CALLBACK_QUERY, Json.MAPPER.createObjectNode().put("callback_query_id", "cb1"),
                "quiz-answer", Instant.now());
        support().queue(hello);
        support().queue(edit);
        support().queue(answer);

        await().atMost(Duration.ofSeconds(20)).until(() -> fake.delivered(chat).size() == 3);
        List<FakeTelegramServer.Call> calls = fake.delivered(chat);
        assertThat(calls).extracting(FakeTelegramServer.Call::method)
                .containsExactly("sendMessage", "editMessageText", "answerCallbackQuery");
        assertThat(calls.get(0).text()).isEqualTo("*Hello*");
        assertThat(calls.get(0).botId()).isEqualTo(botId);
        await().atMost(Duration.ofSeconds(5)).until(() -> "sent".equals(state(answer.messageId())));
        assertThat(state(hello.messageId())).isEqualTo("sent");
        Long telegramId = new JdbcTemplate(dataSource).queryForObject(
                "SELECT telegram_message_id FROM telegram_sends WHERE message_id = ?", Long.class, hello.messageId());
        assertThat(telegramId).isNotNull();
    }

    @Test
    void theSameMessageIdQueuedTwiceAndReplayedIsSentOnce() {
        String botId = knownBot(null);
        long chat = TelegramTestSupport.randomChat();
        TelegramSend once = support().message(botId, chat, "only once");
        support().queue(once);
        support().queue(once);
        await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(state(once.messageId())));

        // a replay: a fresh group re-reads the whole outbound topic from the beginning
        SimpleMeterRegistry replayMeters = new SimpleMeterRegistry();
        TelegramSender replay = new TelegramSender(properties, kafka.buildConsumerProperties(),
                kafka.buildProducerProperties(), dataSource, bots, replayMeters, System::nanoTime, Clock.systemUTC(),
                "replay", "ackflow.test.replay-" + UUID.randomUUID());
        replay.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> replayMeters.find("ackflow.telegram.sends")
                    .tag("outcome", "duplicate").counters().stream().mapToDouble(c -> c.count()).sum() >= 2);
            support().queue(once);
            await().atMost(Duration.ofSeconds(10)).until(() -> duplicates(registry) + duplicates(replayMeters) >= 3);
        } finally {
            replay.stop();
        }
        assertThat(fake.delivered(chat)).hasSize(1);
    }

    private static double duplicates(MeterRegistry r) {
        return r.find("ackflow.telegram.sends").tag("outcome", "duplicate").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    @Test
    void aBlockedChatIsNotRetriedAndIsDeadLettered() {
        String botId = knownBot(null);
        long chat = TelegramTestSupport.randomChat();
        fake.blockChat(chat);
        TelegramSend blocked = support().message(botId, chat, "you blocked me");
        support().queue(blocked);

        await().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(state(blocked.messageId())));
        ConsumerRecord<String, byte[]> dead = deadLetterFor(blocked.messageId());
        assertThat(RecordHeaders.get(dead.headers(), Headers.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.TELEGRAM_OUTBOUND);
        assertThat(RecordHeaders.get(dead.headers(), Headers.DLT_ORIGINAL_OFFSET)).isNotBlank();
        assertThat(RecordHeaders.get(dead.headers(), Headers.DLT_ORIGINAL_PARTITION)).isNotBlank();
        assertThat(RecordHeaders.get(dead.headers(), Headers.DLT_EXCEPTION_MESSAGE))
                .contains("403").contains("blocked").doesNotContain("secret-");
        assertThat(fake.calls().stream().filter(c -> c.chatId() != null && c.chatId() == chat)).hasSize(1);
    }

    @Test
    void serverErrorsAreRetriedWithBackoffUntilTheySucceed() {
        String botId = knownBot(null);
        long chat = TelegramTestSupport.randomChat();
        fake.failChat(chat, 2, 502);
        TelegramSend flaky = support().message(botId, chat, "third time lucky");
        support().queue(flaky);

        await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(state(flaky.messageId())));
        assertThat(fake.calls().stream().filter(c -> c.chatId() != null && c.chatId() == chat)
                .map(FakeTelegramServer.Call::status)).containsExactly(502, 502, 200);
        Integer attempts = new JdbcTemplate(dataSource).queryForObject(
                "SELECT attempts FROM telegram_sends WHERE message_id = ?", Integer.class, flaky.messageId());
        assertThat(attempts).isEqualTo(3);
    }

    @Test
    void aChatsRetryAfterDelaysOnlyThatChat() {
        String botId = knownBot(null);
        long limited = TelegramTestSupport.randomChat();
        long other = TelegramTestSupport.randomChat();
        fake.rateLimitChat(limited, 1, 2);
        TelegramSend first = support().message(botId, limited, "after retry_after");
        support().queue(first);
        await().atMost(Duration.ofSeconds(5)).until(() -> fake.calls().stream()
                .anyMatch(c -> c.chatId() != null && c.chatId() == limited && c.status() == 429));
        Instant limitedAt = Instant.now();
        support().queue(support().message(botId, other, "not held up"));

        await().atMost(Duration.ofSeconds(10)).until(() -> fake.delivered(other).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.delivered(limited).size() == 1);
        assertThat(fake.delivered(other).get(0).time()).isBefore(fake.delivered(limited).get(0).time());
        assertThat(Duration.between(limitedAt, fake.delivered(limited).get(0).time())).isGreaterThan(Duration.ofMillis(1500));
    }

    @Test
    void staleCallbackAnswersAreDroppedAndRecorded() {
        String botId = knownBot(null);
        long chat = TelegramTestSupport.randomChat();
        TelegramSend old = new TelegramSend("test:" + UUID.randomUUID(), botId, chat,
                TelegramSend.ANSWER_CALLBACK_QUERY, Json.MAPPER.createObjectNode().put("callback_query_id", "old"),
                "quiz-answer", Instant.now().minusSeconds(120));
        support().queue(old);
        await().atMost(Duration.ofSeconds(20)).until(() -> "stale".equals(state(old.messageId())));
        assertThat(fake.calls().stream().filter(c -> c.chatId() != null && c.chatId() == chat)).isEmpty();
    }

    @Test
    void aMessageLeftInRetryThatWentStaleIsRecordedStale() {
        String botId = knownBot(null);
        long chat = TelegramTestSupport.randomChat();
        TelegramSend old = new TelegramSend("test:" + UUID.randomUUID(), botId, chat,
                TelegramSend.ANSWER_CALLBACK_QUERY, Json.MAPPER.createObjectNode().put("callback_query_id", "late"),
                "quiz-answer", Instant.now().minusSeconds(120));
        // a 429 before a restart: the earlier instance left it in retry
        new JdbcTemplate(dataSource).update("""
                INSERT INTO telegram_sends (message_id, state, bot_id, chat_id, method, attempts, last_error)
                VALUES (?, 'retry', ?, ?, ?, 1, 'Too Many Requests')""", old.messageId(), botId, chat, old.method());
        support().queue(old);
        await().atMost(Duration.ofSeconds(20)).until(() -> "stale".equals(state(old.messageId())));
        assertThat(fake.calls().stream().filter(c -> c.chatId() != null && c.chatId() == chat)).isEmpty();
    }

    @Test
    void twoInstancesShareTheBotsGlobalLimitAndNeverExceedIt() {
        double limit = 10;
        String botId = knownBot(new BotDefined.Limits(limit, null, null));
        // the fake's bot-wide bucket holds the two instances' bursts and one more: a sender over its share is refused
        fake.limits(botId, new FakeTelegramServer.Limits(limit, 2 * properties.sender().globalBurst() + 1, 1, 4, 20, 4));
        SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();
        TelegramSender second = new TelegramSender(properties, kafka.buildConsumerProperties(),
                kafka.buildProducerProperties(), dataSource, bots, secondMeters, System::nanoTime, Clock.systemUTC(),
                "second", ConsumerGroups.TELEGRAM_SENDER);
        second.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> second.share() > 0 && sender.share() > 0
                    && sender.share() + second.share() <= 1.0001);
            double firstSentBefore = sent(registry, botId);
            int messages = 60;
            for (int i = 0; i < messages; i++) {
                support().queue(support().message(botId, TelegramTestSupport.randomChat(), "share " + i));
            }
            await().atMost(Duration.ofSeconds(40)).until(() -> fake.callsOfBot(botId).stream()
                    .filter(FakeTelegramServer.Call::delivered).count() == messages);

            List<FakeTelegramServer.Call> calls = fake.callsOfBot(botId);
            assertThat(calls).allMatch(FakeTelegramServer.Call::delivered);
            // each instance may run ahead of its share by its burst, never more
            int slack = (int) (2 * properties.sender().globalBurst());
            assertThat(maxInAnyWindow(calls, Duration.ofSeconds(1))).isLessThanOrEqualTo((int) limit + slack);
            long spanNanos = calls.get(calls.size() - 1).nanoTime() - calls.get(0).nanoTime();
            assertThat((messages - 1 - slack) / (spanNanos / 1e9)).isLessThanOrEqualTo(limit);
            assertThat(sent(registry, botId) - firstSentBefore).isPositive();
            assertThat(sent(secondMeters, botId)).isPositive();
        } finally {
            second.stop();
        }
    }

    private static double sent(MeterRegistry r, String botId) {
        return r.find("ackflow.telegram.sends").tag("bot", botId).tag("outcome", "sent").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    /** The largest number of calls in any half-open window of {@code window}. */
    static int maxInAnyWindow(List<FakeTelegramServer.Call> calls, Duration window) {
        List<Long> times = new ArrayList<>(calls.stream().map(FakeTelegramServer.Call::nanoTime).sorted().toList());
        int max = 0;
        int lo = 0;
        for (int hi = 0; hi < times.size(); hi++) {
            while (times.get(hi) - times.get(lo) >= window.toNanos()) {
                lo++;
            }
            max = Math.max(max, hi - lo + 1);
        }
        return max;
    }

    private ConsumerRecord<String, byte[]> deadLetterFor(String messageId) {
        Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
        props.remove("group.id");
        props.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(Topics.dlt(Topics.TELEGRAM_OUTBOUND)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.value() != null && new String(r.value(), java.nio.charset.StandardCharsets.UTF_8).contains(messageId)) {
                        found.add(r);
                    }
                }
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }
}
