package io.ackflow.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.app.ops.lag.LagProbe;
import io.ackflow.app.ops.lag.LagSample;
import io.ackflow.app.ops.lag.LagTracker;
import io.ackflow.app.ops.lag.PartitionLag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LagIT {

    @Test
    void offsetLagEqualsAdminHighWatermarkMinusCommitted() throws Exception {
        String topic = TestKafka.randomName("lag");
        String group = TestKafka.randomName("group");
        TestKafka.createTopics(3, topic);
        TestKafka.produce(topic, 0, 10, "a", null);
        TestKafka.produce(topic, 1, 7, "b", null);
        TestKafka.produce(topic, 2, 3, "c", null);
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        TopicPartition p2 = new TopicPartition(topic, 2);
        TestKafka.commit(group, Map.of(p0, 4L, p1, 7L, p2, 0L));

        List<LagSample> samples;
        try (LagProbe probe = new LagProbe(TestKafka.client(), Duration.ofSeconds(10), Clock.systemUTC())) {
            samples = probe.sample(List.of(group));
        }

        Map<TopicPartition, Long> hw = TestKafka.highWatermarks(List.of(p0, p1, p2));
        Map<TopicPartition, Long> committed = TestKafka.committed(group);
        assertThat(samples).hasSize(3);
        for (LagSample s : samples) {
            TopicPartition tp = new TopicPartition(s.topic(), s.partition());
            assertThat(s.lag()).as("lag of %s", tp).isEqualTo(hw.get(tp) - committed.get(tp));
        }
        assertThat(samples).extracting(LagSample::lag).containsExactly(6L, 0L, 3L);
    }

    @Test
    void timeLagIsTheAgeOfTheOldestUnconsumedRecordFromItsTimestamp() throws Exception {
        String topic = TestKafka.randomName("timelag");
        String group = TestKafka.randomName("group");
        TestKafka.createTopics(2, topic);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        long base = now.toEpochMilli();
        // partition 0: consumed up to offset 2; the record at offset 2 is 90 s old, later ones younger
        TestKafka.produce(topic, 0, 2, "old", base - 300_000);
        TestKafka.produce(topic, 0, 1, "oldest-unconsumed", base - 90_000);
        TestKafka.produce(topic, 0, 3, "newer", base - 10_000);
        // partition 1: fully consumed
        TestKafka.produce(topic, 1, 2, "done", base - 500_000);
        TestKafka.commit(group, Map.of(new TopicPartition(topic, 0), 2L, new TopicPartition(topic, 1), 2L));

        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        List<PartitionLag> lags;
        try (LagProbe probe = new LagProbe(TestKafka.client(), Duration.ofSeconds(10), clock)) {
            lags = new LagTracker(Duration.ofSeconds(60), Duration.ofMinutes(1)).update(probe.sample(List.of(group)));
        }

        assertThat(lags).hasSize(2);
        PartitionLag p0 = lags.get(0);
        assertThat(p0.lag()).isEqualTo(4);
        assertThat(p0.lagSeconds()).isEqualTo(90.0);
        assertThat(p0.stalled()).isFalse();
        PartitionLag p1 = lags.get(1);
        assertThat(p1.lag()).isZero();
        assertThat(p1.lagSeconds()).isZero();
        assertThat(p1.drainSeconds()).isZero();
    }

    @Test
    void unknownGroupHasNoLag() {
        try (LagProbe probe = new LagProbe(TestKafka.client(), Duration.ofSeconds(10), Clock.systemUTC())) {
            assertThat(probe.sample(List.of(TestKafka.randomName("nobody")))).isEmpty();
        }
    }
}
