package io.ackflow.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ackflow.schema.ConsumerGroups;
import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Headers;
import io.ackflow.schema.RecordHeaders;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.Bid;
import io.ackflow.schema.event.EventOutcome;
import io.ackflow.workers.bids.BidListener;
import io.ackflow.workers.support.InvalidRecordException;
import io.ackflow.workers.support.WorkerContainers;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

class ErrorPolicyIT extends WorkersITBase {

    @Autowired
    WorkerContainers containers;

    @Autowired
    BidListener bids;

    @Autowired
    ConcurrentMessageListenerContainer<String, byte[]> bidWorkerContainer;

    @Test
    void poisonRecordGoesToTheDeadLetterTopicWithHeadersWhileTheNextIsProcessed() {
        String auction = id("auction");
        BidWorkerIT.openAuction(auction);
        sendRaw(Topics.BIDS_PLACED, auction, "{not json".getBytes(StandardCharsets.UTF_8), EventTypes.BID_PLACED,
                newEventId());
        String missingField = newEventId();
        send(Topics.BIDS_PLACED, auction, new Bid(missingField, auction, null, BigDecimal.ONE, null, Instant.now()),
                EventTypes.BID_PLACED, missingField);
        String next = newEventId();
        send(Topics.BIDS_PLACED, auction, BidWorkerIT.bid(next, auction, "7"), EventTypes.BID_PLACED, next);

        assertThat(outcome(next).status()).isEqualTo(EventOutcome.Status.accepted);
        List<ConsumerRecord<String, byte[]>> dead = await().atMost(WAIT)
                .until(() -> tap.byKey(Topics.dlt(Topics.BIDS_PLACED), auction), l -> l.size() >= 2);
        ConsumerRecord<String, byte[]> poison = dead.get(0);
        assertThat(new String(poison.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(RecordHeaders.get(poison.headers(), Headers.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.BIDS_PLACED);
        assertThat(RecordHeaders.get(poison.headers(), Headers.DLT_ORIGINAL_CONSUMER_GROUP))
                .isEqualTo(ConsumerGroups.BID_WORKER);
        assertThat(RecordHeaders.get(poison.headers(), Headers.DLT_EXCEPTION_FQCN)).isNotBlank();
        assertThat(RecordHeaders.get(poison.headers(), Headers.DLT_EXCEPTION_STACKTRACE))
                .contains(InvalidRecordException.class.getName());
        assertThat(poison.headers().lastHeader(Headers.DLT_ORIGINAL_OFFSET)).isNotNull();
        assertThat(poison.headers().lastHeader(Headers.DLT_ORIGINAL_PARTITION)).isNotNull();
        assertThat(poison.partition()).isEqualTo(tap.byKey(Topics.BIDS_ACCEPTED, auction).get(0).partition());
        assertThat(RecordHeaders.get(dead.get(1).headers(), Headers.DLT_EXCEPTION_MESSAGE)).contains("bidder_id");
        assertThat(bids.metrics()).isNotNull();
    }

    @Test
    void twoMembersOfOneGroupBothProcessWithoutLoss() {
        ConcurrentMessageListenerContainer<String, byte[]> second = containers.create(bids, null, 1);
        second.start();
        try {
            await().atMost(WAIT).until(() -> !second.getAssignedPartitions().isEmpty()
                    && !bidWorkerContainer.getAssignedPartitions().isEmpty());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String auction = id("auction");
                BidWorkerIT.openAuction(auction);
                String eventId = newEventId();
                ids.add(eventId);
                send(Topics.BIDS_PLACED, auction, BidWorkerIT.bid(eventId, auction, "1"), EventTypes.BID_PLACED,
                        eventId);
            }
            await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> !outcomes(id).isEmpty()));
            ids.forEach(id -> assertThat(outcome(id).status()).isEqualTo(EventOutcome.Status.accepted));
            assertThat(second.getAssignedPartitions()).isNotEmpty();
        } finally {
            second.stop();
        }
    }
}
