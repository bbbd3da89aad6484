package io.ackflow.app.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ackflow.app.ops.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two member processes (child JVMs of {@code ackflow.jar}) share a group; one is {@code kill -9}ed mid-stream, and the
 * survivor takes over every partition with nothing lost. The members run {@link GroupMemberMain} (test classes on
 * the fat jar's classpath) because the real worker groups live in another branch; the process handling is the same.
 */
class MultiProcessGroupIT {
    private final List<ChildProcess> children = new ArrayList<>();

    @AfterEach
    void stopChildren() {
        children.forEach(c -> c.stop(Duration.ofSeconds(5)));
    }

    private ChildProcess member(String name, String in, String out, String group, Path logs) {
        ChildProcess p = ChildJvm.of(AckflowJar.locate())
                .name(name)
                .jvmOptions("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                .mainClass(GroupMemberMain.class.getName(), Path.of(System.getProperty("ackflow.test-classes")))
                .args(TestKafka.bootstrap(), in, out, group)
                .log(logs.resolve(name + ".log"))
                .start();
        children.add(p);
        return p;
    }

    private static ConsumerGroupDescription describe(String group) throws Exception {
        try (Admin admin = Admin.create(TestKafka.client())) {
            return admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
        }
    }

    private static void send(String topic, int from, int to) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = TestKafka.producer()) {
            for (int i = from; i < to; i++) {
                p.send(new ProducerRecord<>(topic, TestKafka.bytes("key-" + i), TestKafka.bytes("v-" + i)));
            }
            p.flush();
        }
    }

    private static Set<String> values(String topic, int partitions) {
        Map<String, Object> props = TestKafka.client();
        Set<String> out = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                tps.add(new TopicPartition(topic, i));
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(200)).forEach(r -> out.add(new String(r.value())));
            }
        }
        return out;
    }

    @Test
    void survivorTakesOverEveryPartitionAfterKillMinus9WithNothingLost() throws Exception {
        String in = TestKafka.randomName("mp-in");
        String out = TestKafka.randomName("mp-out");
        String group = TestKafka.randomName("mp-group");
        TestKafka.createTopics(4, in, out);
        Path logs = Files.createTempDirectory("ackflow-mp");
        ChildProcess first = member("member-1", in, out, group, logs);
        ChildProcess second = member("member-2", in, out, group, logs);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().untilAsserted(() -> {
            ConsumerGroupDescription d = describe(group);
            assertThat(d.members()).as("logs in %s", logs).hasSize(2);
            assertThat(d.members()).allSatisfy(m -> assertThat(m.assignment().topicPartitions()).isNotEmpty());
        });

        send(in, 0, 400);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestKafka.committed(group).values().stream()
                .mapToLong(Long::longValue).sum() > 0);
        first.kill9();
        send(in, 400, 800);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            ConsumerGroupDescription d = describe(group);
            assertThat(d.members()).hasSize(1);
            MemberDescription survivor = d.members().iterator().next();
            assertThat(survivor.assignment().topicPartitions()).hasSize(4);
            Map<TopicPartition, Long> committed = TestKafka.committed(group);
            Map<TopicPartition, Long> ends = TestKafka.highWatermarks(new ArrayList<>(committed.keySet()));
            assertThat(committed).hasSize(4).isEqualTo(ends);
        });
        assertThat(second.isAlive()).isTrue();

        Set<String> processed = values(out, 4);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 800; i++) {
            expected.add("v-" + i);
        }
        assertThat(processed).containsAll(expected);
    }
}
