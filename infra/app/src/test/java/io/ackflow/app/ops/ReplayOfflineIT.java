package io.ackflow.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ackflow.app.cli.ReplayCommand;
import io.ackflow.embedded.EmbeddedStack;
import io.ackflow.schema.ConsumerGroups;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** {@code ./ackflow replay} against a stopped group: committed offsets move, and the persister's rows in PostgreSQL. */
class ReplayOfflineIT {

    private static String run(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ReplayCommand.run(args, Map.of("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrap()),
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothing() throws Exception {
        String topic = TestKafka.randomName("replay");
        String group = TestKafka.randomName("group");
        TestKafka.createTopics(2, topic);
        TestKafka.produce(topic, 0, 10, "a", null);
        TestKafka.produce(topic, 1, 4, "b", null);
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        TestKafka.commit(group, Map.of(p0, 10L, p1, 4L));

        String out = run("--group", group, "--topic", topic, "--from", "3", "--dry-run");

        assertThat(out).contains("mode offline").contains("Total records to re-read: 8").contains("Dry run");
        assertThat(out).containsPattern("0\\s+10\\s+3\\s+10\\s+7");
        assertThat(TestKafka.committed(group)).containsEntry(p0, 10L).containsEntry(p1, 4L);
    }

    @Test
    void stoppedGroupIsRewoundToTheFirstRecordAtOrAfterATime() throws Exception {
        String topic = TestKafka.randomName("replay");
        String group = TestKafka.randomName("group");
        TestKafka.createTopics(1, topic);
        long now = System.currentTimeMillis();
        TestKafka.produce(topic, 0, 5, "two-hours-ago", now - 7_200_000);
        TestKafka.produce(topic, 0, 3, "ten-minutes-ago", now - 600_000);
        TopicPartition p0 = new TopicPartition(topic, 0);
        TestKafka.commit(group, Map.of(p0, 8L));

        run("--group", group, "--topic", topic, "--from", "30m");
        assertThat(TestKafka.committed(group)).containsEntry(p0, 5L);

        run("--group", group, "--topic", topic, "--from", Instant.ofEpochMilli(now - 8_000_000).toString());
        assertThat(TestKafka.committed(group)).containsEntry(p0, 0L);
    }

    @Test
    void persisterGroupNeedsItsDatabaseOffsetsMovedToo() throws Exception {
        String topic = TestKafka.randomName("facts");
        TestKafka.createTopics(2, topic);
        TestKafka.produce(topic, 0, 6, "a", null);
        TestKafka.produce(topic, 1, 6, "b", null);
        TestKafka.commit(ConsumerGroups.PERSISTER, Map.of(new TopicPartition(topic, 0), 6L,
                new TopicPartition(topic, 1), 6L));

        assertThatThrownBy(() -> run("--group", ConsumerGroups.PERSISTER, "--topic", topic, "--from", "2"))
                .hasMessageContaining("persister_offsets");

        EmbeddedStack stack = EmbeddedStack.current();
        // the real schema, as the persister creates it (other ITs in this JVM share the database)
        org.flywaydb.core.Flyway.configure()
                .dataSource(stack.jdbcUrl(), stack.jdbcUser(), "")
                .outOfOrder(true)
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), "");
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO persister_offsets VALUES ('" + ConsumerGroups.PERSISTER + "', '" + topic + "', 0, 6)");
        }
        String out = run("--group", ConsumerGroups.PERSISTER, "--topic", topic, "--from", "2",
                "--database-url", stack.jdbcUrl());

        assertThat(out).contains("persister_offsets rewound (2 rows)");
        assertThat(TestKafka.committed(ConsumerGroups.PERSISTER)).containsEntry(new TopicPartition(topic, 0), 2L);
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT \"partition\", next_offset FROM persister_offsets WHERE topic = '"
                        + topic + "' ORDER BY 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(2)).isEqualTo(2);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(2)).isEqualTo(2);
        }
    }
}
