package io.ackflow.persister.upsert;

import io.ackflow.persister.upsert.ReferenceRows.AccountRow;
import io.ackflow.persister.upsert.ReferenceRows.AuctionRow;
import io.ackflow.persister.upsert.ReferenceRows.BotRow;
import io.ackflow.persister.upsert.ReferenceRows.QuizRow;
import io.ackflow.persister.upsert.ReferenceRows.SourceRow;
import io.ackflow.schema.EventIds;
import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Headers;
import io.ackflow.schema.Json;
import io.ackflow.schema.RecordHeaders;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.AccountDefined;
import io.ackflow.schema.event.AuctionDefined;
import io.ackflow.schema.event.Bid;
import io.ackflow.schema.event.BotDefined;
import io.ackflow.schema.event.EventOutcome;
import io.ackflow.schema.event.GradedAnswer;
import io.ackflow.schema.event.OrderEvent;
import io.ackflow.schema.event.QuizClose;
import io.ackflow.schema.event.QuizDefined;
import io.ackflow.schema.event.SourceDefined;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;

/**
 * Turns a consumed record into a {@link Fact}. Fact and reference topics are read in full and checked for required
 * fields; a record that fails goes to the dead-letter topic. Request topics are read only for their headers, to
 * insert a {@code queued} event row; a request record the persister cannot use is ignored, never dead-lettered (the
 * worker that owns the topic does that).
 */
public final class FactDecoder {

    /** The topics whose records become rows, and the request topics that only make {@code queued} event rows. */
    public static final List<String> FACT_TOPICS = List.of(
            Topics.BIDS_ACCEPTED, Topics.QUIZ_GRADED, Topics.ORDER_EVENTS, Topics.EVENT_OUTCOMES);
    public static final List<String> REFERENCE_TOPICS =
            List.of(Topics.AUCTIONS, Topics.SOURCES, Topics.ACCOUNTS, Topics.QUIZZES, Topics.BOTS);
    public static final List<String> REQUEST_TOPICS = List.of(
            Topics.BIDS_PLACED, Topics.WEBHOOKS_RECEIVED, Topics.QUIZ_ANSWERS, Topics.TELEGRAM_UPDATES);

    /**
     * The topics whose rows no other topic's flush reads: bids, orders, outcomes and the queued events of requests
     * (each table's rule is order-independent across them). Extra loops read only these; quiz answers and closes stay
     * with the reference data a close reads.
     */
    public static final List<String> INDEPENDENT_TOPICS = Stream.concat(
                    Stream.of(Topics.BIDS_ACCEPTED, Topics.ORDER_EVENTS, Topics.EVENT_OUTCOMES), REQUEST_TOPICS.stream())
            .toList();

    public static List<String> allTopics() {
        return Stream.of(FACT_TOPICS, REFERENCE_TOPICS, REQUEST_TOPICS)
                .flatMap(List::stream)
                .toList();
    }

    public Fact decode(ConsumerRecord<String, byte[]> record) {
        try {
            return Fact.of(record, row(record));
        } catch (RecordDecodeException e) {
            return Fact.poison(record, e);
        } catch (RuntimeException e) {
            return Fact.poison(record, new RecordDecodeException(
                    "cannot read " + record.topic() + " record: " + e.getMessage(), e));
        }
    }

    private Object row(ConsumerRecord<String, byte[]> r) {
        String topic = r.topic();
        if (REQUEST_TOPICS.contains(topic)) {
            return queuedEvent(r);
        }
        if (r.value() == null) {
            // a tombstone: reference definitions are not deleted (the admin API has no delete); facts never have one
            if (REFERENCE_TOPICS.contains(topic)) {
                return null;
            }
            throw new RecordDecodeException("a " + topic + " record has no value");
        }
        return switch (topic) {
            case Topics.BIDS_ACCEPTED -> bid(readBid(r));
            case Topics.QUIZ_GRADED -> EventTypes.QUIZ_CLOSED.equals(RecordHeaders.get(r.headers(), Headers.EVENT_TYPE))
                    ? close(read(r, QuizClose.class))
                    : answer(read(r, GradedAnswer.class));
            case Topics.ORDER_EVENTS -> order(read(r, OrderEvent.class));
            case Topics.EVENT_OUTCOMES -> outcome(read(r, EventOutcome.class));
            case Topics.AUCTIONS -> auction(read(r, AuctionDefined.class), r.offset());
            case Topics.SOURCES -> source(read(r, SourceDefined.class), r.offset());
            case Topics.ACCOUNTS -> account(read(r, AccountDefined.class), r.offset());
            case Topics.QUIZZES -> quiz(read(r, QuizDefined.class), r.offset());
            case Topics.BOTS -> bot(read(r, BotDefined.class), r.offset());
            default -> null;
        };
    }

    private static <T> T read(ConsumerRecord<String, byte[]> r, Class<T> type) {
        try {
            T value = Json.read(r.value(), type);
            if (value == null) {
                throw new RecordDecodeException("a " + r.topic() + " record holds JSON null");
            }
            return value;
        } catch (RecordDecodeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RecordDecodeException(
                    "cannot read a " + type.getSimpleName() + " from " + r.topic() + ": " + e.getMessage(), e);
        }
    }

    /** The common shape through the streaming reader; anything else through the codec, with its errors. */
    private static Bid readBid(ConsumerRecord<String, byte[]> r) {
        Bid fast = BidValueReader.read(r.value());
        return fast != null ? fast : read(r, Bid.class);
    }

    private static <T> T required(T value, String type, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new RecordDecodeException(type + "." + field + " is required");
        }
        return value;
    }

    private static BidRow bid(Bid b) {
        return new BidRow(required(b.auctionId(), "Bid", "auction_id"), required(b.bidderId(), "Bid", "bidder_id"),
                required(b.amount(), "Bid", "amount"), b.displayName(), required(b.placedAt(), "Bid", "placed_at"),
                required(b.eventId(), "Bid", "event_id"));
    }

    private static AnswerRow answer(GradedAnswer a) {
        return new AnswerRow(required(a.quizId(), "GradedAnswer", "quiz_id"),
                required(a.userId(), "GradedAnswer", "user_id"),
                required(a.questionId(), "GradedAnswer", "question_id"), a.optionId(), a.correct(), a.points(),
                required(a.answeredAt(), "GradedAnswer", "answered_at"),
                required(a.eventId(), "GradedAnswer", "event_id"), a.chatId());
    }

    private static QuizCloseRow close(QuizClose c) {
        return new QuizCloseRow(required(c.quizId(), "QuizClose", "quiz_id"),
                required(c.requestedAt(), "QuizClose", "requested_at"), c.eventId());
    }

    private static OrderRow order(OrderEvent o) {
        OrderEvent.Status status = required(o.status(), "OrderEvent", "status");
        Instant at = required(o.at(), "OrderEvent", "at");
        return new OrderRow(required(o.orderId(), "OrderEvent", "order_id"),
                required(o.accountId(), "OrderEvent", "account_id"), o.sourceId(), status.name(), status.rank(),
                o.symbol(), o.side(), o.quantity(), o.price(), o.orderType(), o.filledQuantity(), o.fillPrice(),
                o.brokerOrderId(), o.reason(), at, at);
    }

    private static EventRow outcome(EventOutcome o) {
        EventOutcome.Status status = required(o.status(), "EventOutcome", "status");
        Map<String, String> refs = o.refs() == null ? Map.of() : o.refs();
        return new EventRow(required(o.eventId(), "EventOutcome", "event_id"), o.eventType(), status.name(),
                o.reason(), o.receivedAt(), status.isFinal() ? o.decidedAt() : null,
                new String(Json.write(refs), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A request record: only its headers are read, and the event id from the value when the header is missing. */
    private static EventRow queuedEvent(ConsumerRecord<String, byte[]> r) {
        String id = RecordHeaders.get(r.headers(), Headers.EVENT_ID);
        if (id == null && r.value() != null) {
            try {
                JsonNode node = Json.tree(r.value()).get("event_id");
                id = node == null || node.isNull() ? null : node.asString();
            } catch (RuntimeException e) {
                id = null;
            }
        }
        if (id == null || !EventIds.isValid(id)) {
            return null;
        }
        return new EventRow(id, RecordHeaders.get(r.headers(), Headers.EVENT_TYPE), EventRow.QUEUED, null,
                ingressTime(r), null, "{}");
    }

    /** The {@link Headers#INGRESS_TIME} header, else the record timestamp. */
    public static Instant ingressTime(ConsumerRecord<?, ?> r) {
        String ms = RecordHeaders.get(r.headers(), Headers.INGRESS_TIME);
        if (ms != null) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(ms.trim()));
            } catch (NumberFormatException e) {
                // fall through to the record timestamp
            }
        }
        return r.timestamp() >= 0 ? Instant.ofEpochMilli(r.timestamp()) : null;
    }

    private static AuctionRow auction(AuctionDefined a, long offset) {
        return new AuctionRow(required(a.auctionId(), "AuctionDefined", "auction_id"), a.title(), a.opensAt(),
                a.closesAt(), a.updatedAt(), offset);
    }

    private static SourceRow source(SourceDefined s, long offset) {
        // secrets and token are deliberately not stored
        return new SourceRow(required(s.sourceId(), "SourceDefined", "source_id"), s.kind(), s.accountId(),
                s.maxBodyBytes(), s.rateLimit() == null ? null : s.rateLimit().perSecond(),
                s.rateLimit() == null ? null : s.rateLimit().burst(), offset);
    }

    private static AccountRow account(AccountDefined a, long offset) {
        return new AccountRow(required(a.accountId(), "AccountDefined", "account_id"),
                a.allowedSymbols() == null ? null : json(a.allowedSymbols()), a.maxQuantity(), a.maxNotional(),
                a.maxOrdersPerMinute(), a.telegram() == null ? null : a.telegram().botId(),
                a.telegram() == null ? null : a.telegram().chatId(), offset);
    }

    private static QuizRow quiz(QuizDefined q, long offset) {
        return new QuizRow(required(q.quizId(), "QuizDefined", "quiz_id"), q.title(), q.botId(),
                q.chatIds() == null ? null : json(q.chatIds()), q.opensAt(), q.closesAt(),
                q.questions() == null ? null : json(q.questions()), q.rewardTopN(), offset);
    }

    private static BotRow bot(BotDefined b, long offset) {
        // token and webhook secret are deliberately not stored
        return new BotRow(required(b.botId(), "BotDefined", "bot_id"), b.apiBaseUrl(),
                b.limits() == null ? null : json(b.limits()), offset);
    }

    private static String json(Object value) {
        return new String(Json.write(value), java.nio.charset.StandardCharsets.UTF_8);
    }
}
