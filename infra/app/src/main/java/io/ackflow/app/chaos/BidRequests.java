package io.ackflow.app.chaos;

import java.util.Map;
import java.util.Random;

/** Bids on the scenario's auctions: 40 bidders each, random amounts. */
final class BidRequests implements RequestMaker {
    private static final int BIDDERS_PER_AUCTION = 40;

    private final String scenario;
    private final LoadFixture fixture;
    private final Random random;

    BidRequests(String scenario, LoadFixture fixture, Random random) {
        this.scenario = scenario;
        this.fixture = fixture;
        this.random = random;
    }

    @Override
    public PlannedRequest fresh(long seq) {
        String auction = fixture.auctions().get(random.nextInt(fixture.auctions().size()));
        String bidder = "b" + random.nextInt(BIDDERS_PER_AUCTION);
        String amount = (1 + random.nextInt(99_999)) + "." + String.format("%02d", random.nextInt(100));
        String key = scenario + "-" + seq;
        return new PlannedRequest(seq, RequestKind.BID, "/v1/auctions/" + auction + "/bids",
                Map.of("Authorization", "Bearer " + Topology.API_KEY, "Content-Type", "application/json",
                        "Idempotency-Key", key),
                "{\"bidder_id\":\"" + bidder + "\",\"amount\":" + amount + "}", key,
                fixture.bidEventId(auction, key), null, auction, bidder, null, amount, -1);
    }

    @Override
    public PlannedRequest repeat(PlannedRequest o, long seq) {
        return o.repeatedAs(seq);
    }
}
