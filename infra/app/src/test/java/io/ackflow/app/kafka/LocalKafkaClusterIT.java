package io.ackflow.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ackflow.app.process.AckflowJar;
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
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * {@code ./ackflow kafka --cluster 3}: three broker processes, RF 3 and min.insync.replicas 2. With the leader of a
 * partition killed ({@code kill -9}), acks=all writes still succeed and nothing acknowledged is lost.
 */
class LocalKafkaClusterIT {

    @Test
    void clusterSurvivesTheLossOfAPartitionLeader() throws Exception {
        Path dir = Files.createTempDirectory("ackflow-cluster");
        String topic = "cluster-test";
        try (LocalKafkaCluster cluster =
                LocalKafkaCluster.start(AckflowJar.locate(), dir, 3, 0, 0, Duration.ofMinutes(2))) {
            Map<String, Object> client = Map.of("bootstrap.servers", cluster.bootstrapServers());
            int leader;
            try (Admin admin = Admin.create(client)) {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 3)
                        .configs(Map.of("min.insync.replicas", "2")))).all().get(30, TimeUnit.SECONDS);
                // a broker may not know a freshly created topic yet (UnknownTopicOrPartitionException): ask again
                leader = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(
                        () -> admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                                .get(topic).partitions().get(0).leader().id(),
                        id -> id >= 0);
            }
            send(client, 0, 50);
            cluster.kill9(leader);
            send(client, 50, 100);
            assertThat(readAll(client, topic)).hasSize(100);

            cluster.restart(leader);
            cluster.awaitBrokers(3, Duration.ofMinutes(1));
            cluster.killAll(); // a throw-away cluster needs no graceful stop
        }
    }

    private static void send(Map<String, Object> client, int from, int to) throws Exception {
        Map<String, Object> p = new java.util.HashMap<>(client);
        p.put("acks", "all");
        p.put("delivery.timeout.ms", 60000);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = from; i < to; i++) {
                sent.add(producer.send(new ProducerRecord<>("cluster-test", "k" + i, "v" + i)));
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get(60, TimeUnit.SECONDS); // acknowledged by at least 2 in-sync replicas
            }
        }
    }

    private static Set<String> readAll(Map<String, Object> client, String topic) {
        Set<String> values = new HashSet<>();
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(client, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                tps.add(new TopicPartition(topic, i));
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }
}
