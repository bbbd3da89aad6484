-- Persister schema: facts, reference data without secrets, stored offsets, quiz results and the outbox.
-- Event ids are compared in upsert rules ("smallest event id wins a tie"), so they use the "C" collation:
-- byte order, the same order Java's String.compareTo gives for the ASCII ids ackflow produces.

-- Consumed offsets, written in the same transaction as the rows they produced.
CREATE TABLE persister_offsets (
    consumer_group text        NOT NULL,
    topic          text        NOT NULL,
    partition      int         NOT NULL,
    next_offset    bigint      NOT NULL CHECK (next_offset >= 0),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, topic, partition)
);

-- Accepted bids: one row per (auction, bidder), the highest bid.
CREATE TABLE bids (
    auction_id   text        NOT NULL CHECK (length(auction_id) BETWEEN 1 AND 200),
    bidder_id    text        NOT NULL CHECK (length(bidder_id) BETWEEN 1 AND 200),
    amount       numeric     NOT NULL CHECK (amount > 0),
    display_name text        CHECK (length(display_name) <= 200),
    placed_at    timestamptz NOT NULL,
    event_id     text COLLATE "C" NOT NULL,
    PRIMARY KEY (auction_id, bidder_id)
);
-- GET /v1/auctions/{id}/leaderboard: WHERE auction_id = ? ORDER BY amount DESC, placed_at, bidder_id LIMIT n
CREATE INDEX bids_leaderboard_idx ON bids (auction_id, amount DESC, placed_at, bidder_id) INCLUDE (display_name);

-- Graded answers: one row per (quiz, user, question), the first answer.
CREATE TABLE quiz_answers (
    quiz_id     text        NOT NULL CHECK (length(quiz_id) BETWEEN 1 AND 200),
    user_id     text        NOT NULL CHECK (length(user_id) BETWEEN 1 AND 200),
    question_id text        NOT NULL CHECK (length(question_id) BETWEEN 1 AND 200),
    option_id   text,
    correct     boolean     NOT NULL,
    points      int         NOT NULL CHECK (points >= 0),
    answered_at timestamptz NOT NULL,
    event_id    text COLLATE "C" NOT NULL,
    chat_id     bigint,
    PRIMARY KEY (quiz_id, user_id, question_id)
);

-- Final quiz results, written once when the quiz closes.
CREATE TABLE quiz_results (
    quiz_id         text        NOT NULL,
    user_id         text        NOT NULL,
    rank            int         NOT NULL,
    score           bigint      NOT NULL,
    correct         int         NOT NULL,
    last_correct_at timestamptz,
    chat_id         bigint,
    rewarded        boolean     NOT NULL,
    PRIMARY KEY (quiz_id, user_id)
);
CREATE UNIQUE INDEX quiz_results_rank_idx ON quiz_results (quiz_id, rank);

-- Order lifecycle: status only moves forward.
CREATE TABLE orders (
    order_id        text        PRIMARY KEY CHECK (length(order_id) BETWEEN 1 AND 200),
    account_id      text        NOT NULL,
    source_id       text,
    status          text        NOT NULL,
    status_rank     int         NOT NULL,
    symbol          text,
    side            text,
    quantity        numeric,
    price           numeric,
    order_type      text,
    filled_quantity numeric,
    fill_price      numeric,
    broker_order_id text,
    reason          text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
-- GET /v1/accounts/{id}/orders: WHERE account_id = ? ORDER BY created_at DESC, order_id DESC LIMIT n
CREATE INDEX orders_account_idx ON orders (account_id, created_at DESC, order_id DESC);

-- What became of each acknowledged request.
CREATE TABLE events (
    event_id    text        PRIMARY KEY CHECK (length(event_id) BETWEEN 1 AND 200),
    event_type  text,
    status      text        NOT NULL CHECK (status IN ('queued', 'accepted', 'rejected', 'failed')),
    reason      text,
    received_at timestamptz,
    decided_at  timestamptz,
    refs        jsonb       NOT NULL DEFAULT '{}'::jsonb
);

-- Reference data, without secrets or tokens. source_offset: the offset in the (single-partition) reference topic of
-- the definition stored; a later offset wins.
CREATE TABLE auctions (
    auction_id    text PRIMARY KEY,
    title         text,
    opens_at      timestamptz,
    closes_at     timestamptz,
    updated_at    timestamptz,
    source_offset bigint NOT NULL
);

CREATE TABLE sources (
    source_id       text PRIMARY KEY,
    kind            text,
    account_id      text,
    max_body_bytes  int,
    rate_per_second double precision,
    rate_burst      int,
    source_offset   bigint NOT NULL
);

CREATE TABLE accounts (
    account_id            text PRIMARY KEY,
    allowed_symbols       jsonb,
    max_quantity          numeric,
    max_notional          numeric,
    max_orders_per_minute int,
    telegram_bot_id       text,
    telegram_chat_id      bigint,
    source_offset         bigint NOT NULL
);

-- closed_at is set by the quiz close marker and never by a definition; a close may arrive before the definition,
-- so source_offset is null until a definition has been stored.
CREATE TABLE quizzes (
    quiz_id       text PRIMARY KEY,
    title         text,
    bot_id        text,
    chat_ids      jsonb,
    opens_at      timestamptz,
    closes_at     timestamptz,
    questions     jsonb,
    reward_top_n  int,
    closed_at     timestamptz,
    source_offset bigint
);

CREATE TABLE bots (
    bot_id        text PRIMARY KEY,
    api_base_url  text,
    limits        jsonb,
    source_offset bigint NOT NULL
);

-- Records to publish after commit (transactional outbox). message_id makes an insert idempotent.
CREATE TABLE outbox (
    id           bigserial   PRIMARY KEY,
    message_id   text        NOT NULL UNIQUE,
    topic        text        NOT NULL,
    record_key   text,
    payload      text        NOT NULL,
    headers      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;
