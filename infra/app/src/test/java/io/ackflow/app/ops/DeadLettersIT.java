package io.ackflow.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.app.ops.dlt.DeadLetter;
import io.ackflow.app.ops.dlt.DeadLetters;
import io.ackflow.app.ops.dlt.RedriveReport;
import io.ackflow.app.ops.dlt.RedriveSpec;
import io.ackflow.schema.Headers;
import io.ackflow.schema.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

class DeadLettersIT {
    private static final String POISON = "com.example.PoisonException";
    private static final String TIMEOUT = "java.util.concurrent.TimeoutException";
    private final DeadLetters dlt = new DeadLetters(TestKafka.client(), Duration.ofSeconds(10));

    /** What spring-kafka's DeadLetterPublishingRecoverer does: copy the record's headers, add the dlt-* ones. */
    private static void deadLetter(String topic, int partition, long offset, String key, String value,
            org.apache.kafka.common.header.Headers original, String errorClass) throws Exception {
        RecordHeaders h = new RecordHeaders(original.toArray());
        io.ackflow.schema.RecordHeaders.put(h, Headers.DLT_ORIGINAL_TOPIC, topic);
        io.ackflow.schema.RecordHeaders.put(h, Headers.DLT_ORIGINAL_PARTITION, String.valueOf(partition));
        io.ackflow.schema.RecordHeaders.put(h, Headers.DLT_ORIGINAL_OFFSET, String.valueOf(offset));
        io.ackflow.schema.RecordHeaders.put(h, Headers.DLT_EXCEPTION_FQCN, errorClass);
        io.ackflow.schema.RecordHeaders.put(h, Headers.DLT_EXCEPTION_MESSAGE, "boom on " + key);
        try (KafkaProducer<byte[], byte[]> p = TestKafka.producer()) {
            p.send(new ProducerRecord<>(Topics.dlt(topic), partition, TestKafka.bytes(key), TestKafka.bytes(value), h))
                    .get(10, TimeUnit.SECONDS);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int partitions) {
        Map<String, Object> props = TestKafka.client();
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                tps.add(new TopicPartition(topic, i));
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void listCountsByErrorClassAndShowPrintsErrorHeaders() throws Exception {
        String topic = TestKafka.randomName("work");
        TestKafka.createTopics(2, topic, Topics.dlt(topic));
        RecordHeaders none = new RecordHeaders();
        deadLetter(topic, 0, 10, "a", "{\"v\":1}", none, POISON);
        deadLetter(topic, 1, 11, "b", "{\"v\":2}", none, POISON);
        deadLetter(topic, 1, 12, "c", "{\"v\":3}", none, TIMEOUT);

        assertThat(dlt.list()).containsEntry(Topics.dlt(topic), Map.of(POISON, 2L, TIMEOUT, 1L));

        List<DeadLetter> shown = dlt.show(Topics.dlt(topic), null, null, 2);
        assertThat(shown).hasSize(2);
        assertThat(shown.get(0).errorClass()).isEqualTo(POISON);
        assertThat(shown.get(0).errorMessage()).isEqualTo("boom on a");
        assertThat(shown.get(0).headers()).containsEntry(Headers.DLT_ORIGINAL_OFFSET, "10");
    }

    @Test
    void redriveRepublishesSelectedRecordsWithKeyAndHeadersAndStopsAtTheLimit() throws Exception {
        String topic = TestKafka.randomName("work");
        String dltTopic = Topics.dlt(topic);
        TestKafka.createTopics(2, topic, dltTopic);
        RecordHeaders original = new RecordHeaders();
        io.ackflow.schema.RecordHeaders.put(original, Headers.EVENT_ID, "evt-1");
        deadLetter(topic, 1, 5, "poison-key", "{\"v\":1}", original, POISON);
        deadLetter(topic, 0, 6, "slow-key", "{\"v\":2}", new RecordHeaders(), TIMEOUT);

        RedriveReport dry = dlt.redrive(new RedriveSpec(dltTopic, null, null, null, "PoisonException", null, true, 2));
        assertThat(dry.matched()).isEqualTo(1);
        assertThat(dry.redriven()).isZero();
        assertThat(readAll(topic, 2)).isEmpty();

        // round 1: redriven with count 1, on its original partition, with its own headers and none of the dlt-* ones
        RedriveReport first = dlt.redrive(new RedriveSpec(dltTopic, null, null, null, "PoisonException", null,
                false, 2));
        assertThat(first.redriven()).isEqualTo(1);
        List<ConsumerRecord<byte[], byte[]>> back = readAll(topic, 2);
        assertThat(back).hasSize(1);
        ConsumerRecord<byte[], byte[]> r1 = back.get(0);
        assertThat(r1.partition()).isEqualTo(1);
        assertThat(new String(r1.key())).isEqualTo("poison-key");
        assertThat(io.ackflow.schema.RecordHeaders.get(r1.headers(), Headers.EVENT_ID)).isEqualTo("evt-1");
        assertThat(io.ackflow.schema.RecordHeaders.get(r1.headers(), Headers.REDRIVE_COUNT)).isEqualTo("1");
        assertThat(io.ackflow.schema.RecordHeaders.get(r1.headers(), Headers.DLT_EXCEPTION_FQCN)).isNull();

        // it fails again: the worker's recoverer sends it back with its headers (count 1)
        deadLetter(topic, r1.partition(), r1.offset(), "poison-key", "{\"v\":1}", r1.headers(), POISON);
        long fromOffset = readAll(dltTopic, 2).stream().filter(r -> r.partition() == 1)
                .mapToLong(ConsumerRecord::offset).max().orElseThrow();
        RedriveReport second = dlt.redrive(new RedriveSpec(dltTopic, 1, fromOffset, null, null, "poison-key", false,
                2));
        assertThat(second.redriven()).isEqualTo(1);
        ConsumerRecord<byte[], byte[]> r2 = readAll(topic, 2).get(1);
        assertThat(io.ackflow.schema.RecordHeaders.get(r2.headers(), Headers.REDRIVE_COUNT)).isEqualTo("2");

        // and again: now at the limit, it stays in the dead-letter topic
        deadLetter(topic, r2.partition(), r2.offset(), "poison-key", "{\"v\":1}", r2.headers(), POISON);
        RedriveReport third = dlt.redrive(new RedriveSpec(dltTopic, 1, fromOffset + 1, null, null, "poison-key",
                false, 2));
        assertThat(third.redriven()).isZero();
        assertThat(third.atLimit()).isEqualTo(1);
        assertThat(third.lines()).anySatisfy(l -> assertThat(l).contains("left: redriven 2 times"));
        assertThat(readAll(topic, 2)).hasSize(2);
    }
}
