-- bids keys compare in byte order (collation "C"), like event ids already do.
--
-- Why: every bid upsert descends the primary key and bids_leaderboard_idx several times, and with a libc collation
-- (the database default, e.g. C.UTF-8 or en_US.UTF-8) each text comparison goes through strcoll. Profiling the batch
-- upsert showed 15% of the backend's CPU in those comparisons; in "C" they are a memcmp. Measured on the persister
-- benchmark's workload: about 10% less PostgreSQL CPU per upserted bid (docs/benchmarks-persister.md).
--
-- What changes: only the order of ids that tie on everything else, i.e. the last tiebreak of the auction leaderboard
-- (same amount, same placed_at: bidder_id). For the ASCII ids ackflow produces, byte order is the order every
-- common collation gives except for case and punctuation. Equality is unchanged (both collations are deterministic).
--
-- Cost: the column types keep their storage (no table rewrite), but both indexes are rebuilt under an ACCESS
-- EXCLUSIVE lock; on a large bids table, run it in a quiet moment.
ALTER TABLE bids
    ALTER COLUMN auction_id TYPE text COLLATE "C",
    ALTER COLUMN bidder_id TYPE text COLLATE "C";
