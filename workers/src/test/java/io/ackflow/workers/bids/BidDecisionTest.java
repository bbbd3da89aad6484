package io.ackflow.workers.bids;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.schema.event.AuctionDefined;
import io.ackflow.schema.event.Bid;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BidDecisionTest {
    static final Instant T = Instant.parse("2030-01-01T10:00:00Z");
    static final AuctionDefined AUCTION = new AuctionDefined("a", "t", T, T.plusSeconds(60), T);

    static Bid bid(String amount, Instant at) {
        return new Bid("e", "a", "b", new BigDecimal(amount), null, at);
    }

    @Test
    void acceptsAPositiveBidInsideTheWindowAndNamesEachBrokenRule() {
        assertThat(BidDecision.decide(bid("1", T), Optional.of(AUCTION)).accepted()).isTrue();
        assertThat(BidDecision.decide(bid("0", T), Optional.of(AUCTION)).reason()).isEqualTo("amount_not_positive");
        assertThat(BidDecision.decide(bid("1", T), Optional.empty()).reason()).isEqualTo("unknown_auction");
        assertThat(BidDecision.decide(bid("1", T.minusMillis(1)), Optional.of(AUCTION)).reason())
                .isEqualTo("auction_not_open");
        assertThat(BidDecision.decide(bid("1", T.plusSeconds(60)), Optional.of(AUCTION)).reason())
                .isEqualTo("auction_closed");
        assertThat(BidDecision.decide(bid("-1", T), Optional.empty()).dependsOnAuction()).isFalse();
    }
}
