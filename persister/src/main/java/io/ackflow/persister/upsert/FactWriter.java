package io.ackflow.persister.upsert;

import io.ackflow.persister.upsert.ReferenceRows.AccountRow;
import io.ackflow.persister.upsert.ReferenceRows.AuctionRow;
import io.ackflow.persister.upsert.ReferenceRows.BotRow;
import io.ackflow.persister.upsert.ReferenceRows.QuizRow;
import io.ackflow.persister.upsert.ReferenceRows.SourceRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the rows of a batch in the caller's transaction: each table's rows collapsed by key, then one statement per
 * table; reference tables first (a quiz close reads its definition), quiz closes last (they rank the answers written
 * before them).
 */
public final class FactWriter {
    public static final String QUIZ_RESULTS = "quiz_results";

    private final QuizCloser closer;

    public FactWriter(QuizCloser closer) {
        this.closer = closer;
    }

    /** Writes {@code facts} (rows only; others are skipped) and returns rows written per table. */
    public Map<String, Integer> write(Connection c, List<Fact> facts) throws SQLException {
        Rows rows = new Rows();
        for (Fact f : facts) {
            rows.add(f.row());
        }
        Map<String, Integer> written = new HashMap<>();
        write(c, RowWriters.AUCTIONS, rows.auctions, written);
        write(c, RowWriters.SOURCES, rows.sources, written);
        write(c, RowWriters.ACCOUNTS, rows.accounts, written);
        write(c, RowWriters.QUIZZES, rows.quizzes, written);
        write(c, RowWriters.BOTS, rows.bots, written);
        write(c, RowWriters.BIDS, rows.bids, written);
        write(c, RowWriters.ANSWERS, rows.answers, written);
        write(c, RowWriters.ORDERS, rows.orders, written);
        write(c, RowWriters.EVENTS, rows.events, written);
        for (QuizCloseRow close : rows.closes) {
            QuizCloser.Closed closed = closer.close(c, close);
            written.merge(QUIZ_RESULTS, closed.results(), Integer::sum);
            written.merge(RowWriters.OUTBOX.table(), closed.messages(), Integer::sum);
        }
        return written;
    }

    private static <R> void write(Connection c, RowWriter<R> writer, List<R> rows, Map<String, Integer> written)
            throws SQLException {
        if (!rows.isEmpty()) {
            written.merge(writer.table(), writer.write(c, writer.collapse(rows)), Integer::sum);
        }
    }

    private static final class Rows {
        final List<AuctionRow> auctions = new ArrayList<>();
        final List<SourceRow> sources = new ArrayList<>();
        final List<AccountRow> accounts = new ArrayList<>();
        final List<QuizRow> quizzes = new ArrayList<>();
        final List<BotRow> bots = new ArrayList<>();
        final List<BidRow> bids = new ArrayList<>();
        final List<AnswerRow> answers = new ArrayList<>();
        final List<OrderRow> orders = new ArrayList<>();
        final List<EventRow> events = new ArrayList<>();
        final List<QuizCloseRow> closes = new ArrayList<>();

        void add(Object row) {
            if (row instanceof BidRow r) {
                bids.add(r);
            } else if (row instanceof AnswerRow r) {
                answers.add(r);
            } else if (row instanceof OrderRow r) {
                orders.add(r);
            } else if (row instanceof EventRow r) {
                events.add(r);
            } else if (row instanceof QuizCloseRow r) {
                closes.add(r);
            } else if (row instanceof AuctionRow r) {
                auctions.add(r);
            } else if (row instanceof SourceRow r) {
                sources.add(r);
            } else if (row instanceof AccountRow r) {
                accounts.add(r);
            } else if (row instanceof QuizRow r) {
                quizzes.add(r);
            } else if (row instanceof BotRow r) {
                bots.add(r);
            } else if (row != null) {
                throw new IllegalArgumentException("no table for " + row.getClass().getName());
            }
        }
    }
}
