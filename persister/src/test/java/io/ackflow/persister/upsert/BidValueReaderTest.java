package io.ackflow.persister.upsert;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.schema.Json;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.Bid;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BidValueReaderTest {

    @Test
    void readsWhatTheCodecWritesExactly() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 2000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            BigDecimal amount = BigDecimal.valueOf(random.nextLong(1, 10_000_000_000L), random.nextInt(0, 6));
            Bid bid = new Bid("e-" + i, "auction-" + random.nextInt(100), "bidder-\u00e9-" + i, amount,
                    random.nextBoolean() ? null : "name \"" + i + "\"\n", at);
            byte[] json = Json.write(bid);
            assertThat(BidValueReader.read(json)).as(new String(json, StandardCharsets.UTF_8)).isEqualTo(bid);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"event_id\":\"e1\",\"auction_id\":\"a\",\"bidder_id\":\"b\",\"amount\":12.50,\"placed_at\":\"2030-01-01T00:00:00Z\"}",
        "{\"amount\":7,\"placed_at\":\"2030-02-28T23:59:59.1Z\",\"bidder_id\":\"b\",\"auction_id\":\"a\",\"event_id\":\"e\"}",
        "{\"event_id\":null,\"auction_id\":null,\"bidder_id\":null,\"amount\":null,\"display_name\":null,\"placed_at\":null}",
        "{\"extra\":{\"nested\":[1,{\"event_id\":\"x\"}]},\"event_id\":\"e\",\"more\":[true,null],\"amount\":1E+2}",
        "{}",
        "{\"placed_at\":\"2024-02-29T12:00:00.123456789Z\",\"amount\":-0.0}"
    })
    void acceptedValuesDecodeAsTheCodecDecodesThem(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThat(BidValueReader.read(bytes)).isNotNull().isEqualTo(Json.read(bytes, Bid.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "null",
        "[1,2]",
        "\"a string\"",
        "{\"event_id\":\"e\"",
        "{\"event_id\":\"e\",\"event_id\":\"f\"}",
        "{\"amount\":\"12.50\"}",
        "{\"bidder_id\":42}",
        "{\"auction_id\":{\"x\":1}}",
        "{\"placed_at\":1893456000}",
        "{\"placed_at\":\"2030-01-01T00:00:00+01:00\"}",
        "{\"placed_at\":\"2030-01-01t00:00:00z\"}",
        "{\"placed_at\":\" 2030-01-01T00:00:00Z\"}",
        "{\"placed_at\":\"2030-02-30T00:00:00Z\"}",
        "{\"placed_at\":\"2030-01-01T24:00:00Z\"}",
        "{\"placed_at\":\"2030-01-01T00:00:60Z\"}",
        "{\"placed_at\":\"2030-01-01T00:00:00.Z\"}",
        "{\"placed_at\":\"2030-01-01T00:00:00.1234567890Z\"}",
        "{\"placed_at\":\"+12030-01-01T00:00:00Z\"}",
        "{\"placed_at\":\"\"}"
    })
    void anyOtherShapeIsLeftToTheCodec(String json) {
        assertThat(BidValueReader.read(json.getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void theDecoderGivesTheSameFactsWithAndWithoutTheFastPath() {
        FactDecoder decoder = new FactDecoder();
        for (String json : List.of(
                "{\"event_id\":\"e1\",\"auction_id\":\"a\",\"bidder_id\":\"b\",\"amount\":3,\"placed_at\":\"2030-01-01T00:00:00Z\"}",
                "{\"event_id\":\"e1\",\"auction_id\":\"a\",\"bidder_id\":\"b\",\"amount\":\"3\",\"placed_at\":\"2030-01-01T00:00:00Z\"}",
                "{\"event_id\":\"e1\",\"auction_id\":\"a\",\"bidder_id\":\"b\",\"amount\":3}",
                "{\"event_id\":\"e1\",\"auction_id\":\"a\",\"amount\":3,\"placed_at\":\"2030-01-01T00:00:00Z\"}",
                "{\"event_id\":\"e1\",\"auction_id\":\"a\",\"bidder_id\":\"b\",\"amount\":3,\"placed_at\":\"2030-01-01T00:00:00+00:00\"}",
                "{broken")) {
            Fact fact = decoder.decode(new ConsumerRecord<>(Topics.BIDS_ACCEPTED, 0, 0L, "a", json.getBytes(StandardCharsets.UTF_8)));
            Object expected;
            try {
                Bid b = Json.read(json.getBytes(StandardCharsets.UTF_8), Bid.class);
                expected = b.bidderId() == null || b.placedAt() == null ? "poison" : new BidRow(b.auctionId(),
                        b.bidderId(), b.amount(), b.displayName(), b.placedAt(), b.eventId());
            } catch (RuntimeException e) {
                expected = "poison";
            }
            assertThat(fact.isPoison() ? "poison" : fact.row()).as(json).isEqualTo(expected);
        }
    }
}
