package io.ackflow.app.chaos;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Bids against the leaderboard rows: per (auction, bidder) the row must equal the highest acknowledged bid that was
 * accepted, and a row above it must come from a request without a definite answer, never from a refused one.
 */
final class BidCheck {
    private BidCheck() {}

    static Effects check(List<RequestRecord> bids, Map<String, String> statuses, Map<String, BigDecimal> rows) {
        Effects e = new Effects();
        Map<String, BigDecimal> expected = new TreeMap<>();
        for (RequestRecord r : bids) {
            if (r.acked() && "accepted".equals(statuses.get(r.eventId()))) {
                expected.merge(r.target() + "/" + r.actor(), new BigDecimal(r.value()), BigDecimal::max);
            }
        }
        for (var x : expected.entrySet()) {
            BigDecimal row = rows.get(x.getKey());
            if (row == null || row.compareTo(x.getValue()) < 0) {
                e.lost(x.getKey() + " row " + row + " below acknowledged " + x.getValue());
            }
        }
        Map<String, List<RequestRecord>> byBid = bids.stream().collect(Collectors.groupingBy(
                r -> r.target() + "/" + r.actor() + "/" + new BigDecimal(r.value()).stripTrailingZeros()));
        for (var row : rows.entrySet()) {
            if (row.getKey().endsWith("/" + ChaosRun.PROBE_BIDDER)) {
                continue;
            }
            BigDecimal want = expected.get(row.getKey());
            if (want != null && row.getValue().compareTo(want) == 0) {
                continue;
            }
            List<RequestRecord> sources = byBid.getOrDefault(
                    row.getKey() + "/" + row.getValue().stripTrailingZeros(), List.of());
            if (sources.stream().anyMatch(RequestRecord::acked)) {
                continue; // an acknowledged bid whose outcome was not "accepted" yet raised the row: lost, above
            } else if (sources.stream().anyMatch(RequestRecord::uncertain)) {
                e.uncertainHadEffect();
            } else {
                e.refusedWithEffect(row.getKey() + " = " + row.getValue() + " from " + sources);
            }
        }
        e.figure("leaderboard rows", rows.keySet().stream()
                .filter(k -> !k.endsWith("/" + ChaosRun.PROBE_BIDDER)).count());
        return e;
    }
}
