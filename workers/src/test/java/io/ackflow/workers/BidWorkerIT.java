package io.ackflow.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ackflow.schema.ConsumerGroups;
import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Headers;
import io.ackflow.schema.RecordHeaders;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.AuctionDefined;
import io.ackflow.schema.event.Bid;
import io.ackflow.schema.event.EventOutcome;
import io.ackflow.schema.ops.ReplayRequest;
import io.ackflow.workers.bids.BidListener;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class BidWorkerIT extends WorkersITBase {

    @Autowired
    BidListener bids;

    static Bid bid(String eventId, String auctionId, String amount) {
        return new Bid(eventId, auctionId, "bidder-1", new BigDecimal(amount), "Ann", Instant.now());
    }

    static void openAuction(String auctionId) {
        Instant now = Instant.now();
        define(Topics.AUCTIONS, auctionId, new AuctionDefined(auctionId, "Lamp", now.minus(1, ChronoUnit.HOURS),
                now.plus(1, ChronoUnit.HOURS), now));
    }

    @Test
    void acceptedBidGoesToAcceptedTopicWithOutcome() {
        String auction = id("auction");
        openAuction(auction);
        String eventId = newEventId();
        send(Topics.BIDS_PLACED, auction, bid(eventId, auction, "12.50"), EventTypes.BID_PLACED, eventId);

        EventOutcome outcome = outcome(eventId);
        assertThat(outcome.status()).isEqualTo(EventOutcome.Status.accepted);
        assertThat(outcome.eventType()).isEqualTo(EventTypes.BID_PLACED);
        List<ConsumerRecord<String, byte[]>> accepted = await().atMost(WAIT)
                .until(() -> tap.byKey(Topics.BIDS_ACCEPTED, auction), l -> !l.isEmpty());
        assertThat(RecordHeaders.get(accepted.get(0).headers(), Headers.EVENT_ID)).isEqualTo(eventId);
        assertThat(RecordHeaders.get(accepted.get(0).headers(), Headers.INGRESS_TIME)).isNotNull();
        assertThat(tap.values(Topics.BIDS_ACCEPTED, Bid.class, b -> auction.equals(b.auctionId())))
                .singleElement()
                .satisfies(b -> assertThat(b.amount()).isEqualByComparingTo("12.50"));
    }

    @Test
    void bidsForClosedOrUnknownAuctionsOrWithoutAmountAreRejectedWithReason() {
        String closed = id("auction");
        Instant now = Instant.now();
        define(Topics.AUCTIONS, closed, new AuctionDefined(closed, "Old", now.minus(2, ChronoUnit.HOURS),
                now.minus(1, ChronoUnit.HOURS), now));
        String notYet = id("auction");
        define(Topics.AUCTIONS, notYet, new AuctionDefined(notYet, "Soon", now.plus(1, ChronoUnit.HOURS),
                now.plus(2, ChronoUnit.HOURS), now));
        String open = id("auction");
        openAuction(open);
        String unknown = id("auction");

        Map<String, String> expected = Map.of(
                closed, "auction_closed", notYet, "auction_not_open", unknown, "unknown_auction", open,
                "amount_not_positive");
        Map<String, String> eventIds = new java.util.HashMap<>();
        expected.keySet().forEach(auction -> {
            String eventId = newEventId();
            eventIds.put(auction, eventId);
            send(Topics.BIDS_PLACED, auction, bid(eventId, auction, auction.equals(open) ? "0" : "5"),
                    EventTypes.BID_PLACED, eventId);
        });
        expected.forEach((auction, reason) -> {
            EventOutcome o = outcome(eventIds.get(auction));
            assertThat(o.status()).isEqualTo(EventOutcome.Status.rejected);
            assertThat(o.reason()).isEqualTo(reason);
        });
        assertThat(tap.records(Topics.BIDS_ACCEPTED, r -> expected.containsKey(r.key()))).isEmpty();
    }

    @Test
    void auctionDefinedMillisecondsBeforeTheBidIsFound() {
        String auction = id("auction");
        Instant now = Instant.now();
        String eventId = newEventId();
        // no wait between the admin PUT and the bid: the view may not have read the definition yet
        openAuction(auction);
        send(Topics.BIDS_PLACED, auction, new Bid(eventId, auction, "b", BigDecimal.ONE, null, now.plusMillis(1)),
                EventTypes.BID_PLACED, eventId);
        assertThat(outcome(eventId).status()).isEqualTo(EventOutcome.Status.accepted);
    }

    @Test
    void replayRequestReprocessesFromTheGivenOffset() {
        String auction = id("auction");
        openAuction(auction);
        String eventId = newEventId();
        send(Topics.BIDS_PLACED, auction, bid(eventId, auction, "3"), EventTypes.BID_PLACED, eventId);
        outcome(eventId);
        ConsumerRecord<String, byte[]> input = await().atMost(WAIT)
                .until(() -> tap.byKey(Topics.BIDS_ACCEPTED, auction), l -> !l.isEmpty()).get(0);
        int partition = input.partition();
        long offset = 0L;

        bids.replay(new ReplayRequest("replay-1", ConsumerGroups.BID_WORKER, Topics.BIDS_PLACED,
                Map.of(partition, offset), Map.of(), Instant.now()));

        await().atMost(WAIT).until(() -> outcomes(eventId).size() >= 2);
        assertThat(outcomes(eventId)).allSatisfy(o -> assertThat(o.status()).isEqualTo(EventOutcome.Status.accepted));
    }
}
