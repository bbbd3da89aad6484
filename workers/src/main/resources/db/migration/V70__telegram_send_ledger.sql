-- The Telegram sender's ledger: one row per outbound message id, claimed before the Bot API is called, so that
-- redelivery, a rebalance or a replay never sends a message twice. See docs/telegram.md for the states.
CREATE TABLE telegram_sends (
    message_id          text        PRIMARY KEY,
    state               text        NOT NULL CHECK (state IN ('sending', 'retry', 'sent', 'failed', 'dead', 'stale', 'uncertain')),
    bot_id              text        NOT NULL,
    chat_id             bigint      NOT NULL,
    method              text        NOT NULL,
    kind                text,
    attempts            integer     NOT NULL DEFAULT 0,
    redrives            integer     NOT NULL DEFAULT 0,
    last_error          text,
    claimed_at          timestamptz,
    sent_at             timestamptz,
    telegram_message_id bigint,
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX telegram_sends_chat ON telegram_sends (bot_id, chat_id);
CREATE INDEX telegram_sends_open ON telegram_sends (state) WHERE state IN ('uncertain', 'failed', 'dead');
