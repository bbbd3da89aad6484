package io.ackflow.persister;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Headers;
import io.ackflow.schema.RecordHeaders;
import io.ackflow.schema.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterIT extends PersisterITSupport {

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWhileTheirNeighboursAreWritten() {
        String auction = id("auction");
        Instant t = Instant.parse("2030-01-01T10:00:00Z");
        sendBid(bid(auction, "before", "5", null, t));
        send(Topics.BIDS_ACCEPTED, auction, "{not json".getBytes(StandardCharsets.UTF_8), "bad-json",
                EventTypes.BID_ACCEPTED);
        // valid JSON, but the amount violates CHECK (amount > 0): found by bisecting the batch
        sendBid(bid(auction, "negative", "-3", null, t));
        sendBid(bid(auction, "after", "7", null, t));

        await().atMost(WAIT).untilAsserted(
                () -> assertThat(bidRows(auction)).containsOnlyKeys("before", "after"));

        await().atMost(WAIT).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> dead = readAll(Topics.dlt(Topics.BIDS_ACCEPTED)).stream()
                    .filter(r -> auction.equals(r.key()))
                    .toList();
            assertThat(dead).hasSize(2);
            ConsumerRecord<String, byte[]> json = dead.stream()
                    .filter(r -> "bad-json".equals(RecordHeaders.get(r.headers(), Headers.EVENT_ID)))
                    .findFirst().orElseThrow();
            assertThat(new String(json.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
            assertThat(RecordHeaders.get(json.headers(), Headers.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.BIDS_ACCEPTED);
            assertThat(RecordHeaders.get(json.headers(), Headers.DLT_ORIGINAL_PARTITION))
                    .isEqualTo(Integer.toString(json.partition()));
            assertThat(RecordHeaders.get(json.headers(), Headers.DLT_ORIGINAL_OFFSET)).isNotBlank();
            assertThat(RecordHeaders.get(json.headers(), Headers.DLT_ORIGINAL_CONSUMER_GROUP)).isNotBlank();
            assertThat(RecordHeaders.get(json.headers(), Headers.DLT_EXCEPTION_FQCN)).endsWith("RecordDecodeException");
            assertThat(RecordHeaders.get(json.headers(), Headers.DLT_EXCEPTION_STACKTRACE)).isNotBlank();
            ConsumerRecord<String, byte[]> constraint = dead.stream().filter(r -> r != json).findFirst().orElseThrow();
            assertThat(RecordHeaders.get(constraint.headers(), Headers.DLT_EXCEPTION_MESSAGE)).contains("amount");
        });
    }
}
