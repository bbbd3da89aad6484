package io.ackflow.bench.persister;

import io.ackflow.persister.upsert.BidRow;
import io.ackflow.persister.upsert.RowWriters;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** What the persister is compared with, on the same database and the same events. */
final class Baselines {
    static final String COPY_TABLE = "bench_bids_copy";

    private final BenchDatabase db;
    private final CpuClock cpu;

    /** Rows written, time taken and, for per-row writes, the latency of each statement plus commit in ms. */
    record Measured(long rows, long nanos, double p50, double p99, double max, CpuClock.Sample cpu) {
        double rowsPerSecond() {
            return rows * 1e9 / nanos;
        }
    }

    Baselines(BenchDatabase db, CpuClock cpu) {
        this.db = db;
        this.cpu = cpu;
    }

    /**
     * The ceiling: one {@code COPY} of every event (uncollapsed) into a table with the same columns and no key or
     * index, then one commit. The text is formatted before the clock starts, so this measures the database alone.
     */
    Measured copy(BidWorkload w) throws SQLException {
        db.execute("DROP TABLE IF EXISTS " + COPY_TABLE,
                "CREATE TABLE " + COPY_TABLE + " (auction_id text, bidder_id text, amount numeric, "
                        + "display_name text, placed_at timestamptz, event_id text)",
                "CHECKPOINT");
        List<byte[]> chunks = copyText(w);
        CpuClock.Sample cpuBefore = cpu.now();
        long started = System.nanoTime();
        long rows;
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + COPY_TABLE
                    + " (auction_id, bidder_id, amount, display_name, placed_at, event_id) FROM STDIN");
            for (byte[] chunk : chunks) {
                in.writeToCopy(chunk, 0, chunk.length);
            }
            rows = in.endCopy();
            c.commit();
        }
        long nanos = System.nanoTime() - started;
        return new Measured(rows, nanos, Double.NaN, Double.NaN, Double.NaN, cpu.now().minus(cpuBefore));
    }

    private static List<byte[]> copyText(BidWorkload w) {
        List<byte[]> chunks = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        StringBuilder line = new StringBuilder(160);
        for (int i = 0; i < w.events(); i++) {
            line.setLength(0);
            line.append(w.auctionId(i)).append('\t').append(w.bidderId(i)).append('\t')
                    .append(w.amount(i).toPlainString()).append('\t').append(w.displayName(i)).append('\t')
                    .append(w.placedAt(i)).append('\t').append(w.eventId(i)).append('\n');
            out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
            if (out.size() >= (1 << 20)) {
                chunks.add(out.toByteArray());
                out.reset();
            }
        }
        chunks.add(out.toByteArray());
        return chunks;
    }

    /**
     * The persister's write path alone, from memory: batches of {@code batch} events in offset order, each collapsed
     * by {@code RowWriters.BIDS.collapse}, written with its one unnest upsert and committed. No Kafka, no decoding, no
     * offsets: the gap to the persister rows is the pipeline's own cost.
     */
    Measured writerOnly(BidWorkload w, int batch) throws SQLException {
        db.resetBids();
        Histogram latency = new Histogram(3);
        CpuClock.Sample cpuBefore = cpu.now();
        long started = System.nanoTime();
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            for (int from = 0; from < w.events(); from += batch) {
                List<BidRow> rows = new ArrayList<>(batch);
                for (int i = from; i < Math.min(w.events(), from + batch); i++) {
                    rows.add(new BidRow(w.auctionId(i), w.bidderId(i), w.amount(i), w.displayName(i), w.placedAt(i),
                            w.eventId(i)));
                }
                long t = System.nanoTime();
                RowWriters.BIDS.write(c, RowWriters.BIDS.collapse(rows));
                c.commit();
                latency.recordValue(System.nanoTime() - t);
            }
        }
        long nanos = System.nanoTime() - started;
        return new Measured(w.events(), nanos, latency.getValueAtPercentile(50) / 1e6,
                latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6, cpu.now().minus(cpuBefore));
    }

    /**
     * The way the replaced systems wrote: one {@code INSERT ... VALUES ... ON CONFLICT} (the persister's own conflict
     * rule) and one commit per event, into the real {@code bids} table. {@code sample} lists the events, in order.
     */
    Measured rowPerTransaction(BidWorkload w, int[] sample) throws SQLException {
        db.resetBids();
        String upsert = RowWriters.BIDS.sql();
        String sql = "INSERT INTO bids (auction_id, bidder_id, amount, display_name, placed_at, event_id) "
                + "VALUES (?, ?, ?, ?, ?, ?)" + upsert.substring(upsert.indexOf(" ON CONFLICT"));
        Histogram latency = new Histogram(3);
        CpuClock.Sample cpuBefore = cpu.now();
        long started = System.nanoTime();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            for (int i : sample) {
                long t = System.nanoTime();
                ps.setString(1, w.auctionId(i));
                ps.setString(2, w.bidderId(i));
                ps.setBigDecimal(3, w.amount(i));
                ps.setString(4, w.displayName(i));
                ps.setObject(5, w.placedAt(i).atOffset(ZoneOffset.UTC));
                ps.setString(6, w.eventId(i));
                ps.executeUpdate();
                c.commit();
                latency.recordValue(System.nanoTime() - t);
            }
        }
        long nanos = System.nanoTime() - started;
        return new Measured(sample.length, nanos, latency.getValueAtPercentile(50) / 1e6,
                latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6, cpu.now().minus(cpuBefore));
    }
}
