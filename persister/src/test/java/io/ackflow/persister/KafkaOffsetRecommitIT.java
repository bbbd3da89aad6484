package io.ackflow.persister;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ackflow.embedded.EmbeddedStack;
import io.ackflow.schema.ConsumerGroups;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The offsets the persister commits to Kafka are for lag tools only (PostgreSQL holds the ones it resumes from), but
 * they must not stay behind. Here a batch reaches PostgreSQL while the broker is down, so its Kafka commit fails; once
 * the broker is back, Kafka's offset must catch up with the stored one without any new record arriving. Two mechanisms
 * can bring it there: the loop re-sending the failed commit, and the commit a loop makes when it positions a newly
 * assigned partition. On the embedded broker the restart also rebalances the group, so this run usually exercises the
 * second one (before it existed, the test failed exactly that way); it checks the outcome, not which one acted.
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
        RecordMetadata sent;
        boolean kafkaStopped = false;
        try {
            sent = sendBid(bid(auction, "alice", "10", "Alice", Instant.parse("2030-01-01T10:00:00Z")));
            await().atMost(WAIT).until(() -> readiness.health().getStatus().equals(Status.DOWN));
            stack.stopKafka();
            kafkaStopped = true;
        } finally {
            stack.startPostgres();
        }
        TopicPartition tp = new TopicPartition(sent.topic(), sent.partition());
        long next = sent.offset() + 1;
        try {
            // the retry writes the batch and stores its offset in PostgreSQL; the Kafka commit after it fails
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> storedOffset(tp) == next);
        } finally {
            if (kafkaStopped) {
                stack.startKafka();
            }
        }

        // ignoreExceptions: right after the restart the group coordinator may still be loading
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .untilAsserted(() -> assertThat(kafkaOffset(tp)).isEqualTo(next));
    }

    /** The next offset of {@code tp} stored in PostgreSQL, or -1 if there is none. */
    private long storedOffset(TopicPartition tp) {
        return jdbc().query("SELECT next_offset FROM persister_offsets WHERE consumer_group = ? AND topic = ? "
                        + "AND partition = ?",
                rs -> rs.next() ? rs.getLong(1) : -1L,
                ConsumerGroups.PERSISTER, tp.topic(), tp.partition());
    }

    /** The persister group's offset of {@code tp} committed in Kafka, or null if there is none. */
    private static Long kafkaOffset(TopicPartition tp) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedStack.current().bootstrapServers()))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(ConsumerGroups.PERSISTER)
                    .partitionsToOffsetAndMetadata().get().get(tp);
            return committed == null ? null : committed.offset();
        }
    }
}
