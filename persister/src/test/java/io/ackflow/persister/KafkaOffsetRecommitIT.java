package io.ackflow.persister;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ackflow.embedded.EmbeddedStack;
import io.ackflow.schema.ConsumerGroups;
import io.ackflow.schema.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The offsets the persister commits to Kafka are for lag tools only (PostgreSQL holds the ones it resumes from), but
 * they must not stay behind. Here a batch reaches PostgreSQL while the broker is down, so its Kafka commit fails; once
 * the broker is back, Kafka's offsets must catch up with the stored ones without any new record arriving.
 */
class KafkaOffsetRecommitIT extends PersisterITSupport {

    @Autowired
    @Qualifier("persisterDatabase")
    HealthIndicator readiness;

    @Test
    void aKafkaCommitThatFailedDuringABrokerOutageIsSentAgainOnceTheBrokerIsBack() {
        String auction = id("auction");
        EmbeddedStack stack = EmbeddedStack.current();
        await().atMost(WAIT).until(() -> readiness.health().getStatus().equals(Status.UP));

        // one record the loop polls but cannot write: PostgreSQL is down, so it holds the record and pauses
        stack.stopPostgres();
        boolean kafkaStopped = false;
        try {
            sendBid(bid(auction, "alice", "10", "Alice", Instant.parse("2030-01-01T10:00:00Z")));
            await().atMost(WAIT).until(() -> readiness.health().getStatus().equals(Status.DOWN));
            stack.stopKafka();
            kafkaStopped = true;
        } finally {
            stack.startPostgres();
        }
        try {
            // the retry writes the batch and stores its offset in PostgreSQL; the Kafka commit after it fails
            await().atMost(Duration.ofSeconds(60)).until(() -> bidRows(auction).size() == 1);
        } finally {
            if (kafkaStopped) {
                stack.startKafka();
            }
        }

        // ignoreExceptions: right after the restart the group coordinator may still be loading
        // the partition of the record (keyed by auction), so what other tests left elsewhere cannot interfere
        int partition = BuiltInPartitioner.partitionForKey(auction.getBytes(StandardCharsets.UTF_8),
                endOffsets(Topics.BIDS_ACCEPTED).size());
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            Long stored = storedOffsets(Topics.BIDS_ACCEPTED).get(partition);
            assertThat(stored).isNotNull().isPositive();
            assertThat(kafkaOffsets(Topics.BIDS_ACCEPTED).get(partition)).isEqualTo(stored);
        });
    }

    /** Stored next offsets of {@code topic} in PostgreSQL, for the partitions that have had a record. */
    private Map<Integer, Long> storedOffsets(String topic) {
        Map<Integer, Long> out = new TreeMap<>();
        jdbc().query("SELECT partition, next_offset FROM persister_offsets WHERE consumer_group = ? AND topic = ? "
                        + "AND next_offset > 0",
                rs -> {
                    out.put(rs.getInt(1), rs.getLong(2));
                },
                ConsumerGroups.PERSISTER, topic);
        return out;
    }

    /** The persister group's committed offsets of {@code topic} in Kafka. */
    private static Map<Integer, Long> kafkaOffsets(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedStack.current().bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(ConsumerGroups.PERSISTER)
                    .partitionsToOffsetAndMetadata().get();
            Map<Integer, Long> out = new TreeMap<>();
            all.forEach((tp, o) -> {
                if (tp.topic().equals(topic) && o != null && o.offset() > 0) {
                    out.put(tp.partition(), o.offset());
                }
            });
            return out;
        }
    }
}
