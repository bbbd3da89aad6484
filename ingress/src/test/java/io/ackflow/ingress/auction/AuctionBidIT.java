package io.ackflow.ingress.auction;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.embedded.EmbeddedStack;
import io.ackflow.ingress.support.Api;
import io.ackflow.ingress.support.IngressIT;
import io.ackflow.ingress.support.Topics;
import io.ackflow.schema.EventIds;
import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Headers;
import io.ackflow.schema.Json;
import io.ackflow.schema.RecordHeaders;
import io.ackflow.schema.auth.BearerCredentials;
import io.ackflow.schema.event.AuctionDefined;
import io.ackflow.schema.event.Bid;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@IngressIT
class AuctionBidIT {
    @LocalServerPort
    int port;

    Api api;
    Topics topics;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        topics = new Topics(EmbeddedStack.current().bootstrapServers());
    }

    @Test
    void auctionDefinitionIsPublishedAndEchoed() {
        String auction = Api.randomId("auc");
        Api.Reply r = api.put("/v1/auctions/" + auction,
                "{\"title\":\"Vintage lamp\",\"opens_at\":\"2030-01-01T10:00:00Z\",\"closes_at\":\"2030-01-01T12:30:00+01:00\"}")
                .send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("auction_id").asString()).isEqualTo(auction);
        assertThat(r.json().get("title").asString()).isEqualTo("Vintage lamp");

        ConsumerRecord<String, byte[]> rec = topics.awaitRecords(io.ackflow.schema.Topics.AUCTIONS, auction, 1).get(0);
        AuctionDefined def = Json.read(rec.value(), AuctionDefined.class);
        assertThat(def.opensAt()).isEqualTo(Instant.parse("2030-01-01T10:00:00Z"));
        assertThat(def.closesAt()).as("offsets are normalised to UTC").isEqualTo(Instant.parse("2030-01-01T11:30:00Z"));
        assertThat(RecordHeaders.get(rec.headers(), Headers.EVENT_TYPE)).isEqualTo(EventTypes.AUCTION_DEFINED);
        assertThat(RecordHeaders.get(rec.headers(), Headers.SOURCE)).isEqualTo("admin");
    }

    @Test
    void bidIsAcknowledgedWithIdTopicPartitionOffsetAndLandsKeyedByAuction() {
        String auction = Api.randomId("auc");
        long before = System.currentTimeMillis();
        Api.Reply r = api.post("/v1/auctions/" + auction + "/bids",
                "{\"bidder_id\":\"alice\",\"amount\":12.50,\"display_name\":\"Alice\",\"extra\":true}").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        JsonNode body = r.json();
        assertThat(body.get("status").asString()).isEqualTo("queued");
        assertThat(body.get("topic").asString()).isEqualTo(io.ackflow.schema.Topics.BIDS_PLACED);
        String id = body.get("id").asString();
        assertThat(EventIds.isValid(id)).isTrue();

        List<ConsumerRecord<String, byte[]>> recs = topics.awaitRecords(io.ackflow.schema.Topics.BIDS_PLACED, auction, 1);
        ConsumerRecord<String, byte[]> rec = recs.get(0);
        assertThat(rec.partition()).isEqualTo(body.get("partition").asInt());
        assertThat(rec.offset()).isEqualTo(body.get("offset").asLong());
        assertThat(RecordHeaders.get(rec.headers(), Headers.EVENT_ID)).isEqualTo(id);
        assertThat(RecordHeaders.get(rec.headers(), Headers.EVENT_TYPE)).isEqualTo(EventTypes.BID_PLACED);
        assertThat(RecordHeaders.get(rec.headers(), Headers.SOURCE)).isEqualTo(BearerCredentials.keyId(Api.CLIENT_KEY));
        assertThat(Long.parseLong(RecordHeaders.get(rec.headers(), Headers.INGRESS_TIME))).isGreaterThanOrEqualTo(before);
        Bid bid = Json.read(rec.value(), Bid.class);
        assertThat(bid.eventId()).isEqualTo(id);
        assertThat(bid.auctionId()).isEqualTo(auction);
        assertThat(bid.bidderId()).isEqualTo("alice");
        assertThat(bid.amount()).isEqualByComparingTo(new BigDecimal("12.5"));
        assertThat(bid.displayName()).isEqualTo("Alice");
        assertThat(bid.placedAt().toEpochMilli()).isGreaterThanOrEqualTo(before);
    }

    @Test
    void acknowledgementLatencyIsMeteredPerEndpointAndAnyAcceptHeaderGetsJson(
            @org.springframework.beans.factory.annotation.Autowired io.micrometer.core.instrument.MeterRegistry registry) {
        Api.Reply r = api.post("/v1/auctions/" + Api.randomId("auc") + "/bids", "{\"bidder_id\":\"m\",\"amount\":3}")
                .header("Accept", "text/html").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        io.micrometer.core.instrument.Timer timer = registry.find(io.ackflow.ingress.publish.IngressMetrics.ACK)
                .tag("endpoint", "bids").tag("outcome", "acked").timer();
        assertThat(timer).isNotNull();
        assertThat(timer.count()).isPositive();
        assertThat(registry.find(io.ackflow.ingress.publish.IngressMetrics.IN_FLIGHT).gauge()).isNotNull();
        Api.Reply prometheus = api.call("GET", "/actuator/prometheus").send();
        assertThat(prometheus.text()).contains("ackflow_ingress_ack_seconds_bucket");
        assertThat(prometheus.text()).as("served in front of the dispatcher, still observed under its pattern")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"202\"[^}]*"
                        + "uri=\"/v1/auctions/\\{auctionId}/bids\"");
    }

    @Test
    void sameIdempotencyKeyTwiceAndConcurrentlyGetsTheSameEventId() {
        String auction = Api.randomId("auc");
        String body = "{\"bidder_id\":\"bob\",\"amount\":5}";
        String first = api.post("/v1/auctions/" + auction + "/bids", body).header("Idempotency-Key", "k-1").send()
                .json().get("id").asString();
        String second = api.post("/v1/auctions/" + auction + "/bids", body).header("Idempotency-Key", "k-1").send()
                .json().get("id").asString();
        assertThat(second).isEqualTo(first);

        List<String> concurrent = IntStream.range(0, 16)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> api.post("/v1/auctions/" + auction + "/bids", body)
                        .header("Idempotency-Key", "k-2").send()))
                .toList().stream()
                .map(CompletableFuture::join)
                .peek(r -> assertThat(r.status()).as(r.toString()).isEqualTo(202))
                .map(r -> r.json().get("id").asString())
                .distinct()
                .toList();
        assertThat(concurrent).hasSize(1).doesNotContain(first);

        String otherKey = api.post("/v1/auctions/" + auction + "/bids", body).header("Idempotency-Key", "k-3").send()
                .json().get("id").asString();
        assertThat(otherKey).isNotEqualTo(first);
        String otherClient = api.post("/v1/auctions/" + auction + "/bids", body)
                .auth("Bearer " + Api.OTHER_CLIENT_KEY).header("Idempotency-Key", "k-1").send()
                .json().get("id").asString();
        assertThat(otherClient).as("keys are scoped per client key").isNotEqualTo(first);
    }
}
