package io.ackflow.persister;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.persister.upsert.BatchFlusher;
import io.ackflow.persister.upsert.Fact;
import io.ackflow.persister.upsert.FactDecoder;
import io.ackflow.persister.upsert.FactWriter;
import io.ackflow.persister.upsert.FlushHook;
import io.ackflow.persister.upsert.OffsetStore;
import io.ackflow.persister.upsert.QuizCloser;
import io.ackflow.schema.Json;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.Bid;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A zombie instance (one that lost its partition in a rebalance it did not notice) cannot commit a stale batch. */
class FencingIT extends PersisterITSupport {

    @Test
    void aBatchStartingBehindTheStoredOffsetIsRefusedAndWritesNothing() throws Exception {
        String group = id("group");
        String auction = id("auction");
        TopicPartition tp = new TopicPartition(Topics.BIDS_ACCEPTED, 0);
        OffsetStore offsets = new OffsetStore(group);
        BatchFlusher flusher = new BatchFlusher(dataSource, offsets, new FactWriter(new QuizCloser(Clock.systemUTC())),
                poison -> {}, FlushHook.NONE);
        try (Connection c = dataSource.getConnection()) {
            offsets.loadOrSeed(c, Map.of(tp, 0L));
        }
        Bid b = bid(auction, "zombie", "99", null, Instant.parse("2030-01-01T00:00:00Z"));
        Fact fact = new FactDecoder().decode(new ConsumerRecord<>(tp.topic(), 0, 0L, auction, Json.write(b)));

        // the new owner wrote offsets 0..9
        assertThat(flusher.flush(List.of(), Map.of(tp, 0L), Map.of(tp, 10L))).isInstanceOf(BatchFlusher.Written.class);
        // the zombie still believes the partition is at 0
        BatchFlusher.Result stale = flusher.flush(List.of(fact), Map.of(tp, 0L), Map.of(tp, 1L));

        assertThat(stale).isEqualTo(new BatchFlusher.Fenced(java.util.Set.of(tp)));
        assertThat(bidRows(auction)).isEmpty();
        assertThat(jdbc().queryForObject("SELECT next_offset FROM persister_offsets WHERE consumer_group = ?",
                Long.class, group)).isEqualTo(10L);
    }
}
