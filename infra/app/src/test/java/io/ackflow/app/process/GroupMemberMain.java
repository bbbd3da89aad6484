package io.ackflow.app.process;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A minimal worker for multi-process tests, run in a child JVM from the fat jar: consumes {@code in} in
 * {@code group}, writes each value to {@code out} (acks=all), and commits only after the writes are acknowledged,
 * as the real workers do. Args: bootstrap, in, out, group.
 */
public final class GroupMemberMain {
    private GroupMemberMain() {}

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String in = args[1];
        String out = args[2];
        String group = args[3];
        Map<String, Object> consumerProps = Map.of("bootstrap.servers", bootstrap, "group.id", group,
                "auto.offset.reset", "earliest", "enable.auto.commit", "false",
                "session.timeout.ms", "6000", "heartbeat.interval.ms", "1000", "max.poll.records", "50");
        Map<String, Object> producerProps = Map.of("bootstrap.servers", bootstrap, "acks", "all", "linger.ms", "0");
        try (KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            consumer.subscribe(List.of(in));
            System.out.println("member started in group " + group);
            while (true) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> rec : records) {
                    producer.send(new ProducerRecord<>(out, rec.key(), rec.value()));
                }
                producer.flush();
                if (!records.isEmpty()) {
                    consumer.commitSync(Duration.ofSeconds(10));
                    TimeUnit.MILLISECONDS.sleep(20); // keep work spread over time so a kill lands mid-stream
                }
            }
        }
    }
}
