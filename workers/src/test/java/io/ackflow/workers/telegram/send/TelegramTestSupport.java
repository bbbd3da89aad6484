package io.ackflow.workers.telegram.send;

import io.ackflow.fakes.telegram.FakeTelegramServer;
import io.ackflow.schema.Json;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.BotDefined;
import io.ackflow.schema.event.TelegramSend;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.node.ObjectNode;

/** Defines bots and queues outbound messages the way ingress and the other workers do. */
final class TelegramTestSupport implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final FakeTelegramServer fake;

    TelegramTestSupport(Map<String, Object> producerProperties, FakeTelegramServer fake) {
        Map<String, Object> props = new HashMap<>(producerProperties);
        props.put("acks", "all");
        props.put("linger.ms", 0);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.fake = fake;
    }

    static String randomBotId() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000, 9_999_999_999L));
    }

    static long randomChat() {
        return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 4);
    }

    /** A bot whose API base URL is the fake, so any sender in this JVM sends its messages there. */
    String defineBot(BotDefined.Limits limits) {
        String botId = randomBotId();
        BotDefined bot = new BotDefined(botId, botId + ":secret-" + UUID.randomUUID(), null, fake.baseUrl(), limits);
        send(Topics.BOTS, botId, Json.write(bot));
        return botId;
    }

    TelegramSend message(String botId, long chatId, String text) {
        ObjectNode params = Json.MAPPER.createObjectNode().put("text", text);
        return new TelegramSend("test:" + UUID.randomUUID(), botId, chatId, TelegramSend.SEND_MESSAGE, params, "test",
                Instant.now());
    }

    void queue(TelegramSend send) {
        send(Topics.TELEGRAM_OUTBOUND, String.valueOf(send.chatId()), Json.write(send));
    }

    void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
