package io.ackflow.persister.upsert;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch in one transaction: fence check on the stored offsets, rows, offsets, dead letters, commit.
 *
 * <ol>
 *   <li>Lock the batch's partitions in {@code persister_offsets} and check that each stored offset is where this
 *       instance believes it is. If another instance or a replay moved one, nothing is written: the caller drops that
 *       partition's records and seeks to the stored offset. This fences a zombie instance after a rebalance.
 *   <li>Write the rows. A data error (see {@link SqlErrors}) rolls back to a savepoint and the rows are bisected
 *       until the offending records are found; the others are written.
 *   <li>Store the next offsets (forward only).
 *   <li>Publish poison records to the dead-letter topic and wait for the broker; then commit.
 * </ol>
 *
 * Any other failure rolls everything back and propagates: the caller keeps the batch and retries.
 */
public final class BatchFlusher {
    private static final Logger log = LoggerFactory.getLogger(BatchFlusher.class);

    private final DataSource dataSource;
    private final OffsetStore offsets;
    private final FactWriter writer;
    private final PoisonSink poisonSink;
    private final FlushHook hook;

    public BatchFlusher(
            DataSource dataSource, OffsetStore offsets, FactWriter writer, PoisonSink poisonSink, FlushHook hook) {
        this.dataSource = dataSource;
        this.offsets = offsets;
        this.writer = writer;
        this.poisonSink = poisonSink;
        this.hook = hook;
    }

    /** The outcome of a flush. */
    public sealed interface Result permits Written, Fenced {}

    /** Committed: rows written per table and the records sent to the dead-letter topic. */
    public record Written(Map<String, Integer> rowsPerTable, List<Fact> deadLettered) implements Result {}

    /** Nothing written: these partitions' stored offsets are not where this instance expected them. */
    public record Fenced(Set<TopicPartition> partitions) implements Result {}

    /**
     * @param facts the batch, in consumption order
     * @param expected per partition in the batch, the stored offset this instance believes is current
     * @param next per partition in the batch, the offset after its last record
     */
    public Result flush(List<Fact> facts, Map<TopicPartition, Long> expected, Map<TopicPartition, Long> next)
            throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Set<TopicPartition> moved = offsets.lockAndCheck(c, expected);
                if (!moved.isEmpty()) {
                    c.rollback();
                    return new Fenced(moved);
                }
                List<Fact> poison = new ArrayList<>();
                List<Fact> rows = new ArrayList<>();
                for (Fact f : facts) {
                    if (f.isPoison()) {
                        poison.add(f);
                    } else if (f.row() != null) {
                        rows.add(f);
                    }
                }
                Map<String, Integer> written = new HashMap<>();
                writeIsolating(c, rows, poison, written);
                offsets.advance(c, next);
                hook.beforeCommit(c);
                if (!poison.isEmpty()) {
                    poisonSink.publish(poison);
                }
                c.commit();
                return new Written(written, poison);
            } catch (Exception e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    /** Writes {@code rows}; on a data error, bisects under savepoints and adds the offenders to {@code poison}. */
    private void writeIsolating(Connection c, List<Fact> rows, List<Fact> poison, Map<String, Integer> written)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Savepoint savepoint = c.setSavepoint();
        try {
            Map<String, Integer> counts = writer.write(c, rows);
            c.releaseSavepoint(savepoint);
            counts.forEach((table, n) -> written.merge(table, n, Integer::sum));
        } catch (SQLException e) {
            if (!SqlErrors.isDataError(e)) {
                throw e;
            }
            c.rollback(savepoint);
            if (rows.size() == 1) {
                Fact offender = rows.get(0);
                log.debug("Isolated {}-{}@{}: {}", offender.record().topic(), offender.record().partition(),
                        offender.record().offset(), e.getMessage());
                poison.add(Fact.poison(offender.record(), e));
                return;
            }
            int half = rows.size() / 2;
            writeIsolating(c, rows.subList(0, half), poison, written);
            writeIsolating(c, rows.subList(half, rows.size()), poison, written);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            log.debug("Rollback failed (the connection is probably gone): {}", e.getMessage());
        }
    }
}
