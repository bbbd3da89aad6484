-- The bids upsert's PostgreSQL cost with and without the leaderboard index, with no Kafka and no JVM in the way:
-- one backend writes 1M bid events (500,000 keys, the benchmark's shape: every key once, 500,000 repeats of a random
-- key, shuffled) in batches of 5,000 that are collapsed and sorted by key, as the persister does, one commit each.
-- A cross-check of the persister benchmark's diagnostic row on any PostgreSQL 13+ with psql (docs/benchmarks.md):
--
--   createdb upsert_floor && psql -d upsert_floor -f infra/bench/sql/upsert-floor.sql
--
-- It prints the time of each CALL; the backend is CPU-bound, so the time is its CPU plus 200 fsynced commits.
\set ON_ERROR_STOP on
DROP TABLE IF EXISTS floor_events, floor_batches, bids_floor;
CREATE TABLE floor_events AS
WITH e AS (SELECT g AS kid FROM generate_series(0, 499999) g
           UNION ALL SELECT (random() * 499999)::int FROM generate_series(1, 500000))
SELECT row_number() OVER (ORDER BY random()) AS seq,
       'auction-' || lpad((kid / 500)::text, 6, '0') AS auction_id,
       'bidder-' || lpad((kid % 500)::text, 6, '0') AS bidder_id,
       round((1 + random() * 9998.99)::numeric, 2) AS amount,
       'Bidder ' || (kid % 500) AS display_name,
       now() - interval '1 day' + random() * interval '1 hour' AS placed_at,
       md5(random()::text) AS event_id
FROM e;
-- each batch collapsed by the rule (highest amount, then earliest placed_at, then smallest event id)
CREATE TABLE floor_batches AS
SELECT DISTINCT ON (b, auction_id, bidder_id) (seq - 1) / 5000 AS b, auction_id, bidder_id, amount, display_name,
       placed_at, event_id
FROM floor_events ORDER BY b, auction_id, bidder_id, amount DESC, placed_at, event_id COLLATE "C";
CREATE INDEX ON floor_batches (b, auction_id, bidder_id);
ANALYZE floor_batches;

-- the persister's statement (RowWriters.BIDS), one batch per transaction
CREATE OR REPLACE PROCEDURE floor_run() LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 0..199 LOOP
    INSERT INTO bids_floor
    SELECT auction_id, bidder_id, amount, display_name, placed_at, event_id FROM floor_batches WHERE b = i
    ORDER BY auction_id, bidder_id
    ON CONFLICT (auction_id, bidder_id) DO UPDATE SET amount = EXCLUDED.amount,
        display_name = EXCLUDED.display_name, placed_at = EXCLUDED.placed_at, event_id = EXCLUDED.event_id
    WHERE (EXCLUDED.amount, bids_floor.placed_at, bids_floor.event_id)
        > (bids_floor.amount, EXCLUDED.placed_at, EXCLUDED.event_id);
    COMMIT;
  END LOOP;
END $$;

-- the persister's table (migrations V1 and V2), built three ways
CREATE OR REPLACE PROCEDURE floor_table(leaderboard_index boolean) LANGUAGE plpgsql AS $$
BEGIN
  DROP TABLE IF EXISTS bids_floor;
  CREATE TABLE bids_floor (
      auction_id   text COLLATE "C" NOT NULL CHECK (length(auction_id) BETWEEN 1 AND 200),
      bidder_id    text COLLATE "C" NOT NULL CHECK (length(bidder_id) BETWEEN 1 AND 200),
      amount       numeric     NOT NULL CHECK (amount > 0),
      display_name text        CHECK (length(display_name) <= 200),
      placed_at    timestamptz NOT NULL,
      event_id     text COLLATE "C" NOT NULL,
      PRIMARY KEY (auction_id, bidder_id));
  IF leaderboard_index THEN
    CREATE INDEX bids_floor_leaderboard_idx ON bids_floor (auction_id, amount DESC, placed_at, bidder_id)
        INCLUDE (display_name);
  END IF;
END $$;

\timing on
\echo 'with the leaderboard index (the persister''s schema):'
CALL floor_table(true);
CHECKPOINT;
CALL floor_run();
\echo 'primary key only:'
CALL floor_table(false);
CHECKPOINT;
CALL floor_run();
\echo 'with the leaderboard index again:'
CALL floor_table(true);
CHECKPOINT;
CALL floor_run();
\timing off
SELECT count(*) AS rows, sum(amount) AS amount_sum FROM bids_floor;
DROP TABLE floor_events, floor_batches, bids_floor;
DROP PROCEDURE floor_run, floor_table;
