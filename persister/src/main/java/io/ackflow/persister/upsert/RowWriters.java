package io.ackflow.persister.upsert;

import io.ackflow.persister.upsert.ReferenceRows.AccountRow;
import io.ackflow.persister.upsert.ReferenceRows.AuctionRow;
import io.ackflow.persister.upsert.ReferenceRows.BotRow;
import io.ackflow.persister.upsert.ReferenceRows.QuizRow;
import io.ackflow.persister.upsert.ReferenceRows.SourceRow;
import java.util.Comparator;

/**
 * The upsert of every table, with its rule stated once in SQL and once in Java. Each rule is order-independent where
 * the data allows, so a replay of a topic yields the same rows.
 */
public final class RowWriters {
    private RowWriters() {}

    /** Highest amount wins; ties: earlier placed_at, then smaller event id. The display name follows the winner. */
    public static final RowWriter<BidRow> BIDS = RowWriter.<BidRow>into("bids")
            .column("auction_id", "text", BidRow::auctionId)
            .column("bidder_id", "text", BidRow::bidderId)
            .column("amount", "numeric", BidRow::amount)
            .column("display_name", "text", BidRow::displayName)
            .column("placed_at", "timestamptz", BidRow::placedAt)
            .column("event_id", "text", BidRow::eventId)
            .key("auction_id, bidder_id", Comparator.comparing(BidRow::auctionId).thenComparing(BidRow::bidderId))
            .update("amount = EXCLUDED.amount, display_name = EXCLUDED.display_name, "
                    + "placed_at = EXCLUDED.placed_at, event_id = EXCLUDED.event_id")
            .where("(EXCLUDED.amount, bids.placed_at, bids.event_id) > (bids.amount, EXCLUDED.placed_at, "
                    + "EXCLUDED.event_id)")
            .merge(BidRow::winner)
            .build();

    /** The first answer wins: earlier answered_at, then smaller event id. */
    public static final RowWriter<AnswerRow> ANSWERS = RowWriter.<AnswerRow>into("quiz_answers")
            .column("quiz_id", "text", AnswerRow::quizId)
            .column("user_id", "text", AnswerRow::userId)
            .column("question_id", "text", AnswerRow::questionId)
            .column("option_id", "text", AnswerRow::optionId)
            .column("correct", "boolean", AnswerRow::correct)
            .column("points", "int", AnswerRow::points)
            .column("answered_at", "timestamptz", AnswerRow::answeredAt)
            .column("event_id", "text", AnswerRow::eventId)
            .column("chat_id", "bigint", AnswerRow::chatId)
            .key("quiz_id, user_id, question_id", Comparator.comparing(AnswerRow::quizId)
                    .thenComparing(AnswerRow::userId).thenComparing(AnswerRow::questionId))
            .update("option_id = EXCLUDED.option_id, correct = EXCLUDED.correct, points = EXCLUDED.points, "
                    + "answered_at = EXCLUDED.answered_at, event_id = EXCLUDED.event_id, "
                    + "chat_id = COALESCE(EXCLUDED.chat_id, quiz_answers.chat_id)")
            .where("(EXCLUDED.answered_at, EXCLUDED.event_id) < (quiz_answers.answered_at, quiz_answers.event_id)")
            .merge(AnswerRow::first)
            .build();

    /** Status only moves forward by rank; fills take the newest non-null value. */
    public static final RowWriter<OrderRow> ORDERS = RowWriter.<OrderRow>into("orders")
            .column("order_id", "text", OrderRow::orderId)
            .column("account_id", "text", OrderRow::accountId)
            .column("source_id", "text", OrderRow::sourceId)
            .column("status", "text", OrderRow::status)
            .column("status_rank", "int", OrderRow::statusRank)
            .column("symbol", "text", OrderRow::symbol)
            .column("side", "text", OrderRow::side)
            .column("quantity", "numeric", OrderRow::quantity)
            .column("price", "numeric", OrderRow::price)
            .column("order_type", "text", OrderRow::orderType)
            .column("filled_quantity", "numeric", OrderRow::filledQuantity)
            .column("fill_price", "numeric", OrderRow::fillPrice)
            .column("broker_order_id", "text", OrderRow::brokerOrderId)
            .column("reason", "text", OrderRow::reason)
            .column("created_at", "timestamptz", OrderRow::createdAt)
            .column("updated_at", "timestamptz", OrderRow::updatedAt)
            .key("order_id", Comparator.comparing(OrderRow::orderId))
            .update("""
                    status = CASE WHEN EXCLUDED.status_rank > orders.status_rank THEN EXCLUDED.status \
                    ELSE orders.status END, \
                    reason = CASE WHEN EXCLUDED.status_rank > orders.status_rank \
                    THEN COALESCE(EXCLUDED.reason, orders.reason) ELSE COALESCE(orders.reason, EXCLUDED.reason) END, \
                    status_rank = GREATEST(orders.status_rank, EXCLUDED.status_rank), \
                    account_id = COALESCE(orders.account_id, EXCLUDED.account_id), \
                    source_id = COALESCE(orders.source_id, EXCLUDED.source_id), \
                    symbol = COALESCE(orders.symbol, EXCLUDED.symbol), \
                    side = COALESCE(orders.side, EXCLUDED.side), \
                    quantity = COALESCE(orders.quantity, EXCLUDED.quantity), \
                    price = COALESCE(orders.price, EXCLUDED.price), \
                    order_type = COALESCE(orders.order_type, EXCLUDED.order_type), \
                    filled_quantity = COALESCE(EXCLUDED.filled_quantity, orders.filled_quantity), \
                    fill_price = COALESCE(EXCLUDED.fill_price, orders.fill_price), \
                    broker_order_id = COALESCE(EXCLUDED.broker_order_id, orders.broker_order_id), \
                    created_at = LEAST(orders.created_at, EXCLUDED.created_at), \
                    updated_at = GREATEST(orders.updated_at, EXCLUDED.updated_at)""")
            .merge(OrderRow::merge)
            .build();

    /** A final outcome replaces queued; the first final outcome stays. */
    public static final RowWriter<EventRow> EVENTS = RowWriter.<EventRow>into("events")
            .column("event_id", "text", EventRow::eventId)
            .column("event_type", "text", EventRow::eventType)
            .column("status", "text", EventRow::status)
            .column("reason", "text", EventRow::reason)
            .column("received_at", "timestamptz", EventRow::receivedAt)
            .column("decided_at", "timestamptz", EventRow::decidedAt)
            .column("refs", "jsonb", EventRow::refsJson)
            .key("event_id", Comparator.comparing(EventRow::eventId))
            .update("""
                    status = CASE WHEN events.status = 'queued' THEN EXCLUDED.status ELSE events.status END, \
                    reason = CASE WHEN events.status = 'queued' THEN EXCLUDED.reason ELSE events.reason END, \
                    decided_at = CASE WHEN events.status = 'queued' THEN EXCLUDED.decided_at \
                    ELSE events.decided_at END, \
                    refs = CASE WHEN events.status = 'queued' THEN EXCLUDED.refs ELSE events.refs END, \
                    event_type = COALESCE(events.event_type, EXCLUDED.event_type), \
                    received_at = COALESCE(events.received_at, EXCLUDED.received_at)""")
            .where("events.status = 'queued' OR events.event_type IS NULL OR events.received_at IS NULL")
            .merge(EventRow::merge)
            .build();

    private static final String NEWER = ".source_offset IS NULL OR EXCLUDED.source_offset > ";

    public static final RowWriter<AuctionRow> AUCTIONS = RowWriter.<AuctionRow>into("auctions")
            .column("auction_id", "text", AuctionRow::auctionId)
            .column("title", "text", AuctionRow::title)
            .column("opens_at", "timestamptz", AuctionRow::opensAt)
            .column("closes_at", "timestamptz", AuctionRow::closesAt)
            .column("updated_at", "timestamptz", AuctionRow::updatedAt)
            .column("source_offset", "bigint", AuctionRow::sourceOffset)
            .key("auction_id", Comparator.comparing(AuctionRow::auctionId))
            .update("title = EXCLUDED.title, opens_at = EXCLUDED.opens_at, closes_at = EXCLUDED.closes_at, "
                    + "updated_at = EXCLUDED.updated_at, source_offset = EXCLUDED.source_offset")
            .where("auctions" + NEWER + "auctions.source_offset")
            .merge(ReferenceRows::latest)
            .build();

    public static final RowWriter<SourceRow> SOURCES = RowWriter.<SourceRow>into("sources")
            .column("source_id", "text", SourceRow::sourceId)
            .column("kind", "text", SourceRow::kind)
            .column("account_id", "text", SourceRow::accountId)
            .column("max_body_bytes", "int", SourceRow::maxBodyBytes)
            .column("rate_per_second", "double precision", SourceRow::ratePerSecond)
            .column("rate_burst", "int", SourceRow::rateBurst)
            .column("source_offset", "bigint", SourceRow::sourceOffset)
            .key("source_id", Comparator.comparing(SourceRow::sourceId))
            .update("kind = EXCLUDED.kind, account_id = EXCLUDED.account_id, max_body_bytes = EXCLUDED.max_body_bytes,"
                    + " rate_per_second = EXCLUDED.rate_per_second, rate_burst = EXCLUDED.rate_burst, "
                    + "source_offset = EXCLUDED.source_offset")
            .where("sources" + NEWER + "sources.source_offset")
            .merge(ReferenceRows::latest)
            .build();

    public static final RowWriter<AccountRow> ACCOUNTS = RowWriter.<AccountRow>into("accounts")
            .column("account_id", "text", AccountRow::accountId)
            .column("allowed_symbols", "jsonb", AccountRow::allowedSymbolsJson)
            .column("max_quantity", "numeric", AccountRow::maxQuantity)
            .column("max_notional", "numeric", AccountRow::maxNotional)
            .column("max_orders_per_minute", "int", AccountRow::maxOrdersPerMinute)
            .column("telegram_bot_id", "text", AccountRow::telegramBotId)
            .column("telegram_chat_id", "bigint", AccountRow::telegramChatId)
            .column("source_offset", "bigint", AccountRow::sourceOffset)
            .key("account_id", Comparator.comparing(AccountRow::accountId))
            .update("allowed_symbols = EXCLUDED.allowed_symbols, max_quantity = EXCLUDED.max_quantity, "
                    + "max_notional = EXCLUDED.max_notional, max_orders_per_minute = EXCLUDED.max_orders_per_minute,"
                    + " telegram_bot_id = EXCLUDED.telegram_bot_id, telegram_chat_id = EXCLUDED.telegram_chat_id, "
                    + "source_offset = EXCLUDED.source_offset")
            .where("accounts" + NEWER + "accounts.source_offset")
            .merge(ReferenceRows::latest)
            .build();

    /** closed_at is never written by a definition: only the close marker sets it. */
    public static final RowWriter<QuizRow> QUIZZES = RowWriter.<QuizRow>into("quizzes")
            .column("quiz_id", "text", QuizRow::quizId)
            .column("title", "text", QuizRow::title)
            .column("bot_id", "text", QuizRow::botId)
            .column("chat_ids", "jsonb", QuizRow::chatIdsJson)
            .column("opens_at", "timestamptz", QuizRow::opensAt)
            .column("closes_at", "timestamptz", QuizRow::closesAt)
            .column("questions", "jsonb", QuizRow::questionsJson)
            .column("reward_top_n", "int", QuizRow::rewardTopN)
            .column("source_offset", "bigint", QuizRow::sourceOffset)
            .key("quiz_id", Comparator.comparing(QuizRow::quizId))
            .update("title = EXCLUDED.title, bot_id = EXCLUDED.bot_id, chat_ids = EXCLUDED.chat_ids, "
                    + "opens_at = EXCLUDED.opens_at, closes_at = EXCLUDED.closes_at, questions = EXCLUDED.questions,"
                    + " reward_top_n = EXCLUDED.reward_top_n, source_offset = EXCLUDED.source_offset")
            .where("quizzes" + NEWER + "quizzes.source_offset")
            .merge(ReferenceRows::latest)
            .build();

    public static final RowWriter<BotRow> BOTS = RowWriter.<BotRow>into("bots")
            .column("bot_id", "text", BotRow::botId)
            .column("api_base_url", "text", BotRow::apiBaseUrl)
            .column("limits", "jsonb", BotRow::limitsJson)
            .column("source_offset", "bigint", BotRow::sourceOffset)
            .key("bot_id", Comparator.comparing(BotRow::botId))
            .update("api_base_url = EXCLUDED.api_base_url, limits = EXCLUDED.limits, "
                    + "source_offset = EXCLUDED.source_offset")
            .where("bots" + NEWER + "bots.source_offset")
            .merge(ReferenceRows::latest)
            .build();

    /** Insert-if-absent by message id: a second close or a replay adds nothing. */
    public static final RowWriter<OutboxRow> OUTBOX = RowWriter.<OutboxRow>into("outbox")
            .column("message_id", "text", OutboxRow::messageId)
            .column("topic", "text", OutboxRow::topic)
            .column("record_key", "text", OutboxRow::recordKey)
            .column("payload", "text", OutboxRow::payloadJson)
            .column("headers", "jsonb", OutboxRow::headersJson)
            .key("message_id", Comparator.comparing(OutboxRow::messageId))
            .merge((a, b) -> a)
            .build();
}
