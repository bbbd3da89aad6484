package io.ackflow.persister.upsert;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One table's batch upsert, built in one place: collapse rows by key in Java with the table's rule, then write them
 * with a single {@code INSERT ... SELECT FROM unnest(?::text[], ...) ON CONFLICT ... DO UPDATE ... WHERE <rule>}
 * statement. The same rule is stated twice, once as {@link #collapse merge function} and once in SQL, because
 * PostgreSQL refuses to touch one row twice in one {@code ON CONFLICT} statement.
 *
 * <p>Every column travels as a {@code text[]} array and is cast in the select list: one array parameter per column,
 * whatever the batch size, and exact text forms for {@code numeric} and {@code timestamptz}.
 *
 * <p>Thread-safe and stateless: a benchmark may drive {@link #write(Connection, Collection)} directly with its own
 * connection and transaction.
 *
 * @param <R> the row type
 */
public final class RowWriter<R> {

    /** A column: its name, its PostgreSQL type (the cast applied to the text value) and how to read it from a row. */
    public record Column<R>(String name, String type, Function<R, Object> value) {}

    private final String table;
    private final List<Column<R>> columns;
    private final Comparator<R> key;
    private final BinaryOperator<R> merge;
    private final String sql;

    private RowWriter(String table, List<Column<R>> columns, Comparator<R> key, BinaryOperator<R> merge, String sql) {
        this.table = table;
        this.columns = columns;
        this.key = key;
        this.merge = merge;
        this.sql = sql;
    }

    public static <R> Builder<R> into(String table) {
        return new Builder<>(table);
    }

    public String table() {
        return table;
    }

    /** The upsert statement, for logs, docs and EXPLAIN. */
    public String sql() {
        return sql;
    }

    /**
     * Collapses rows with the same key using the table's rule and returns them sorted by key. {@code merge(old, new)}
     * is applied in iteration order, so pass rows in offset order.
     *
     * <p>Key order matters for the statement: {@code ON CONFLICT} locks rows in input order, so writers that share a
     * table (several loops or instances writing {@code events}) always lock in the same order and cannot deadlock, and
     * neighbouring keys hit the same index pages one after the other.
     */
    public List<R> collapse(Iterable<? extends R> rows) {
        TreeMap<R, R> byKey = new TreeMap<>(key);
        for (R row : rows) {
            byKey.merge(row, row, merge);
        }
        return new ArrayList<>(byKey.values());
    }

    /**
     * Writes already collapsed rows with one statement, in the caller's transaction. Returns the number of rows the
     * statement inserted or changed (rows whose rule kept the stored version are not counted).
     */
    public int write(Connection connection, Collection<? extends R> collapsedRows) throws SQLException {
        if (collapsedRows.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int n = collapsedRows.size();
            for (int c = 0; c < columns.size(); c++) {
                Function<R, Object> reader = columns.get(c).value();
                String[] values = new String[n];
                int i = 0;
                for (R row : collapsedRows) {
                    values[i++] = text(reader.apply(row));
                }
                ps.setArray(c + 1, connection.createArrayOf("text", values));
            }
            return ps.executeUpdate();
        }
    }

    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value.toString();
    }

    /** Builds the statement: columns, conflict target, update assignments and the rule deciding whether to update. */
    public static final class Builder<R> {
        private final String table;
        private final List<Column<R>> columns = new ArrayList<>();
        private String conflict;
        private String update;
        private String where;
        private Comparator<R> key;
        private BinaryOperator<R> merge;

        private Builder(String table) {
            this.table = table;
        }

        public Builder<R> column(String name, String type, Function<R, Object> value) {
            columns.add(new Column<>(name, type, value));
            return this;
        }

        /**
         * The conflict target, e.g. {@code "auction_id, bidder_id"}, and the matching order of rows by key: two rows
         * have the same key exactly when it compares them as equal.
         */
        public Builder<R> key(String conflictColumns, Comparator<R> keyOrder) {
            this.conflict = conflictColumns;
            this.key = keyOrder;
            return this;
        }

        /** {@code DO UPDATE SET <assignments>}; null for {@code DO NOTHING}. */
        public Builder<R> update(String assignments) {
            this.update = assignments;
            return this;
        }

        /** The condition under which a stored row is replaced, in terms of {@code <table>} and {@code EXCLUDED}. */
        public Builder<R> where(String condition) {
            this.where = condition;
            return this;
        }

        /** The same rule in Java: {@code merge(older, newer)} returns the row to keep. */
        public Builder<R> merge(BinaryOperator<R> rule) {
            this.merge = rule;
            return this;
        }

        public RowWriter<R> build() {
            Objects.requireNonNull(conflict, "key");
            Objects.requireNonNull(merge, "merge");
            String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
            String select = columns.stream()
                    .map(c -> "text".equals(c.type()) ? "u." + c.name() : "u." + c.name() + "::" + c.type())
                    .collect(Collectors.joining(", "));
            String arrays = columns.stream().map(c -> "?::text[]").collect(Collectors.joining(", "));
            StringBuilder sql = new StringBuilder()
                    .append("INSERT INTO ").append(table).append(" (").append(names).append(") SELECT ")
                    .append(select).append(" FROM unnest(").append(arrays).append(") AS u(").append(names)
                    .append(") ON CONFLICT (").append(conflict).append(") ");
            if (update == null) {
                sql.append("DO NOTHING");
            } else {
                sql.append("DO UPDATE SET ").append(update);
                if (where != null) {
                    sql.append(" WHERE ").append(where);
                }
            }
            return new RowWriter<>(table, List.copyOf(columns), key, merge, sql.toString());
        }
    }
}
