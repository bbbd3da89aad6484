package io.ackflow.persister;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ackflow.embedded.EmbeddedStack;
import io.ackflow.schema.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

class DatabaseOutageIT extends PersisterITSupport {

    @Autowired
    @Qualifier("persisterDatabase")
    HealthIndicator readiness;

    @Test
    void postgresStoppedAndStartedLosesNothingAndDeadLettersNothing() {
        String auction = id("auction");
        Instant t = Instant.parse("2030-01-01T10:00:00Z");
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            sendBid(bid(auction, "b" + i, Integer.toString(i + 1), "n" + i, t));
        }
        await().atMost(WAIT).until(() -> bidRows(auction).size() == 20);
        assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);

        EmbeddedStack.current().stopPostgres();
        try {
            for (int i = 0; i < 20; i++) {
                sendBid(bid(auction, "b" + i, Integer.toString(i + 100), "late" + i, t.plusSeconds(1)));
            }
            await().atMost(WAIT).until(() -> readiness.health().getStatus().equals(Status.DOWN));
        } finally {
            EmbeddedStack.current().startPostgres();
        }
        for (int i = 0; i < 20; i++) {
            expected.put("b" + i, (i + 100) + "|late" + i);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, String> rows = new HashMap<>();
            bidRows(auction).forEach((k, v) -> rows.put(k, v.substring(0, v.lastIndexOf('|'))));
            assertThat(rows).isEqualTo(expected);
        });
        await().atMost(WAIT).until(() -> readiness.health().getStatus().equals(Status.UP));
        assertThat(readAll(Topics.dlt(Topics.BIDS_ACCEPTED))).noneMatch(r -> auction.equals(r.key()));
    }
}
