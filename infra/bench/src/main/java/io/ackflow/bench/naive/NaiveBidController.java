package io.ackflow.bench.naive;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /v1/auctions/{id}/bids}: parse, re-serialise, {@code send(...).get()}, 202. */
@RestController
class NaiveBidController implements ApplicationRunner {
    /** The request body. */
    record BidBody(String bidderId, BigDecimal amount, String displayName) {}

    /** What is published: the same fields as ackflow's bid record, about 250 bytes. */
    record PlacedBid(String eventId, String auctionId, String bidderId, BigDecimal amount, String displayName,
            Instant placedAt) {}

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;
    private final String topic;
    private volatile boolean ready;

    NaiveBidController(KafkaTemplate<String, byte[]> kafka, JsonMapper json, @Value("${bench.topic}") String topic) {
        this.kafka = kafka;
        this.json = json;
        this.topic = topic;
    }

    @PostMapping(path = "/v1/auctions/{auctionId}/bids", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> place(@PathVariable String auctionId, @RequestBody BidBody body)
            throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] record = json.writeValueAsBytes(new PlacedBid(id, auctionId, body.bidderId(), body.amount(),
                body.displayName(), Instant.now()));
        RecordMetadata acked = kafka.send(topic, auctionId, record).get(10, TimeUnit.SECONDS).getRecordMetadata();
        return ResponseEntity.accepted().body(Map.of("id", id, "status", "queued", "topic", acked.topic(),
                "partition", acked.partition(), "offset", acked.offset()));
    }

    /** 200 once the producer has sent one record (connected, metadata loaded), 503 before. */
    @GetMapping("/health/ready")
    ResponseEntity<String> ready() {
        return ready ? ResponseEntity.ok("{\"status\":\"UP\"}")
                : ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("{\"status\":\"DOWN\"}");
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        kafka.send(topic, "warm-up", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).get(30, TimeUnit.SECONDS);
        ready = true;
    }
}
