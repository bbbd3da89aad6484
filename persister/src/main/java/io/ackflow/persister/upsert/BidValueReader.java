package io.ackflow.persister.upsert;

import io.ackflow.schema.Json;
import io.ackflow.schema.event.Bid;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads a {@link Bid} value in one pass of a streaming parser, without data binding. Bids are most of what the
 * persister consumes, and binding each one through the record deserializer and the {@code Instant} formatter cost
 * about 4 µs of CPU per record, as much as the rest of the loop thread's work.
 *
 * <p>It only accepts the shape {@link Json#write} produces: an object whose known fields are each present at most
 * once, as a string (ids, display name) or a number ({@code amount}) or null, with {@code placed_at} in the canonical
 * form {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}; unknown fields are skipped, as {@link Json#read} skips them. For any
 * other value (malformed, another token type, an offset instead of {@code Z}, a duplicate field) it returns null and
 * the caller falls back to {@link Json#read}, so every value decodes, or fails, exactly as it did through the codec.
 */
final class BidValueReader {
    private static final int EVENT_ID = 1;
    private static final int AUCTION_ID = 2;
    private static final int BIDDER_ID = 4;
    private static final int AMOUNT = 8;
    private static final int DISPLAY_NAME = 16;
    private static final int PLACED_AT = 32;

    private BidValueReader() {}

    /** The bid, or null when {@code value} is not in the canonical shape (the caller then uses {@link Json#read}). */
    static Bid read(byte[] value) {
        try (JsonParser p = Json.MAPPER.createParser(value)) {
            return p.nextToken() == JsonToken.START_OBJECT ? fields(p) : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static Bid fields(JsonParser p) {
        String eventId = null;
        String auctionId = null;
        String bidderId = null;
        BigDecimal amount = null;
        String displayName = null;
        Instant placedAt = null;
        int seen = 0;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            int field;
            switch (name) {
                case "event_id" -> {
                    field = EVENT_ID;
                    eventId = string(p, v);
                }
                case "auction_id" -> {
                    field = AUCTION_ID;
                    auctionId = string(p, v);
                }
                case "bidder_id" -> {
                    field = BIDDER_ID;
                    bidderId = string(p, v);
                }
                case "display_name" -> {
                    field = DISPLAY_NAME;
                    displayName = string(p, v);
                }
                case "amount" -> {
                    field = AMOUNT;
                    if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                        amount = p.getDecimalValue();
                    } else if (v != JsonToken.VALUE_NULL) {
                        return null;
                    }
                }
                case "placed_at" -> {
                    field = PLACED_AT;
                    if (v == JsonToken.VALUE_STRING) {
                        placedAt = canonicalInstant(p.getString());
                        if (placedAt == null) {
                            return null;
                        }
                    } else if (v != JsonToken.VALUE_NULL) {
                        return null;
                    }
                }
                default -> {
                    p.skipChildren();
                    continue;
                }
            }
            if ((seen & field) != 0 || (v != JsonToken.VALUE_NULL && field != AMOUNT && field != PLACED_AT
                    && v != JsonToken.VALUE_STRING)) {
                return null;
            }
            seen |= field;
        }
        return t == JsonToken.END_OBJECT ? new Bid(eventId, auctionId, bidderId, amount, displayName, placedAt) : null;
    }

    private static String string(JsonParser p, JsonToken v) {
        return v == JsonToken.VALUE_STRING ? p.getString() : null;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, the form {@link Instant#toString} writes for years 0-9999; else null. */
    static Instant canonicalInstant(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21;
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = digits(s, 20, n - 1);
            if (nanos < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in {@code s[from, to)}, or -1 if a character is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
