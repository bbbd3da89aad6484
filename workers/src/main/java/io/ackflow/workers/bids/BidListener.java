package io.ackflow.workers.bids;

import io.ackflow.schema.ConsumerGroups;
import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.Bid;
import io.ackflow.schema.event.EventOutcome;
import io.ackflow.workers.support.ReferenceData;
import io.ackflow.workers.support.ReferenceNotCurrentException;
import io.ackflow.workers.support.WorkerListener;
import io.ackflow.workers.support.WorkerMetrics;
import io.ackflow.workers.support.WorkerPublisher;
import io.ackflow.workers.support.WorkerRecords;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Group {@link ConsumerGroups#BID_WORKER} on {@link Topics#BIDS_PLACED}: an accepted bid goes unchanged to {@link
 * Topics#BIDS_ACCEPTED} (key auction id); every bid gets an {@link EventOutcome}.
 */
@Component
public class BidListener extends WorkerListener {
    private final ReferenceData reference;
    private final WorkerPublisher publisher;

    public BidListener(
            ReferenceData reference, WorkerPublisher publisher, MeterRegistry registry, ObjectProvider<Clock> clock) {
        super(ConsumerGroups.BID_WORKER, Topics.BIDS_PLACED, new WorkerMetrics(registry, ConsumerGroups.BID_WORKER),
                clock.getIfUnique(Clock::systemUTC));
        this.reference = reference;
        this.publisher = publisher;
    }

    @Override
    protected void handle(ConsumerRecord<String, byte[]> record) {
        Bid bid = WorkerRecords.decode(record, Bid.class);
        String eventId = WorkerRecords.eventId(bid.eventId(), record);
        WorkerRecords.require(bid.auctionId(), "auction_id", record);
        WorkerRecords.require(bid.bidderId(), "bidder_id", record);
        WorkerRecords.require(bid.amount(), "amount", record);
        Instant receivedAt = WorkerRecords.ingressTime(record, bid.placedAt());
        if (bid.placedAt() == null) {
            bid = new Bid(eventId, bid.auctionId(), bid.bidderId(), bid.amount(), bid.displayName(), receivedAt);
        }

        BidDecision decision = BidDecision.decide(bid, reference.auctions().get(bid.auctionId()));
        if (decision.dependsOnAuction()) {
            // read-your-writes: the auction may have been defined or changed just before this bid
            if (!reference.ensureCurrent(reference.auctions(), receivedAt)) {
                throw new ReferenceNotCurrentException(Topics.AUCTIONS, bid.auctionId());
            }
            decision = BidDecision.decide(bid, reference.auctions().get(bid.auctionId()));
        }

        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(2);
        EventOutcome.Status status;
        if (decision.accepted()) {
            Bid accepted = bid.eventId() == null
                    ? new Bid(eventId, bid.auctionId(), bid.bidderId(), bid.amount(), bid.displayName(), bid.placedAt())
                    : bid;
            out.add(WorkerRecords.derived(record, Topics.BIDS_ACCEPTED, bid.auctionId(), EventTypes.BID_ACCEPTED, accepted));
            status = EventOutcome.Status.accepted;
        } else {
            status = EventOutcome.Status.rejected;
        }
        out.add(WorkerRecords.outcome(record, eventId, EventTypes.BID_PLACED, status, decision.reason(), receivedAt,
                clock.instant(), Map.of("auction_id", bid.auctionId())));
        publisher.publishAll(out);
        metrics.outcome(status.name(), decision.reason());
    }
}
