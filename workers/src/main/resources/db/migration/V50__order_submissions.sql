-- The order worker's never-twice ledger (workers own V50-V69).
-- A row is claimed (INSERT ... ON CONFLICT DO NOTHING) before the broker gateway is called, and locked
-- (SELECT ... FOR UPDATE NOWAIT) while the call runs; a duplicate of the signal finds the row and re-emits its state.
CREATE TABLE order_submissions (
    order_id         text PRIMARY KEY,
    account_id       text        NOT NULL,
    state            text        NOT NULL CHECK (state IN ('claimed', 'submitted', 'filled', 'rejected', 'failed')),
    broker_order_id  text,
    filled_quantity  numeric,
    fill_price       numeric,
    reason           text,
    gateway_calls    integer     NOT NULL DEFAULT 0,
    claimed_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX order_submissions_account_idx ON order_submissions (account_id, claimed_at);
