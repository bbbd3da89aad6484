package io.ackflow.persister.upsert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumed offsets of one consumer group in {@code persister_offsets}, written in the same transaction as the rows
 * they produced. The stored value is the next offset to read.
 */
public final class OffsetStore {
    private static final String SEED = "INSERT INTO persister_offsets (consumer_group, topic, partition, next_offset) "
            + "SELECT ?, u.t, u.p::int, u.o::bigint FROM unnest(?::text[], ?::text[], ?::text[]) AS u(t, p, o) "
            + "ON CONFLICT (consumer_group, topic, partition) DO NOTHING";
    private static final String SELECT = "SELECT topic, partition, next_offset FROM persister_offsets "
            + "WHERE consumer_group = ? AND (topic, partition) IN "
            + "(SELECT u.t, u.p::int FROM unnest(?::text[], ?::text[]) AS u(t, p))";
    private static final String UPSERT = "INSERT INTO persister_offsets (consumer_group, topic, partition, next_offset) "
            + "SELECT ?, u.t, u.p::int, u.o::bigint FROM unnest(?::text[], ?::text[], ?::text[]) AS u(t, p, o) "
            + "ON CONFLICT (consumer_group, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, "
            + "updated_at = now()";

    private final String group;

    public OffsetStore(String group) {
        this.group = group;
    }

    public String group() {
        return group;
    }

    /**
     * The stored offsets of {@code partitions}; a partition with none stored gets {@code beginning} (its earliest
     * offset) stored first, so every owned partition has a row the next flush can lock.
     */
    public Map<TopicPartition, Long> loadOrSeed(Connection c, Map<TopicPartition, Long> beginning)
            throws SQLException {
        if (beginning.isEmpty()) {
            return Map.of();
        }
        try (PreparedStatement ps = c.prepareStatement(SEED)) {
            bind(c, ps, beginning);
            ps.executeUpdate();
        }
        return select(c, beginning.keySet(), false);
    }

    /**
     * Locks the rows of {@code expected}'s partitions and returns the partitions whose stored offset is not the one
     * this instance expects: another instance (after a rebalance) or a replay moved them. A batch for such a
     * partition must not be written.
     */
    public Set<TopicPartition> lockAndCheck(Connection c, Map<TopicPartition, Long> expected) throws SQLException {
        if (expected.isEmpty()) {
            return Set.of();
        }
        Map<TopicPartition, Long> stored = select(c, expected.keySet(), true);
        Set<TopicPartition> moved = new HashSet<>();
        expected.forEach((tp, offset) -> {
            Long s = stored.get(tp);
            if (s != null && s.longValue() != offset.longValue()) {
                moved.add(tp);
            }
        });
        return moved;
    }

    /** Stores the next offsets; a stored offset only moves forward. */
    public void advance(Connection c, Map<TopicPartition, Long> next) throws SQLException {
        write(c, next, " WHERE persister_offsets.next_offset < EXCLUDED.next_offset");
    }

    /** Stores the offsets as given, backwards too: an operator's replay. */
    public void reset(Connection c, Map<TopicPartition, Long> to) throws SQLException {
        write(c, to, "");
    }

    private void write(Connection c, Map<TopicPartition, Long> offsets, String where) throws SQLException {
        if (offsets.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT + where)) {
            bind(c, ps, offsets);
            ps.executeUpdate();
        }
    }

    private Map<TopicPartition, Long> select(Connection c, Collection<TopicPartition> partitions, boolean lock)
            throws SQLException {
        List<TopicPartition> tps = new ArrayList<>(partitions);
        String sql = lock ? SELECT + " ORDER BY topic, partition FOR UPDATE" : SELECT;
        Map<TopicPartition, Long> stored = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, group);
            ps.setArray(2, c.createArrayOf("text", tps.stream().map(TopicPartition::topic).toArray()));
            ps.setArray(3, c.createArrayOf("text",
                    tps.stream().map(tp -> Integer.toString(tp.partition())).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
                }
            }
        }
        return stored;
    }

    private void bind(Connection c, PreparedStatement ps, Map<TopicPartition, Long> offsets) throws SQLException {
        List<Map.Entry<TopicPartition, Long>> entries = new ArrayList<>(offsets.entrySet());
        ps.setString(1, group);
        ps.setArray(2, c.createArrayOf("text", entries.stream().map(e -> e.getKey().topic()).toArray()));
        ps.setArray(3, c.createArrayOf("text",
                entries.stream().map(e -> Integer.toString(e.getKey().partition())).toArray()));
        ps.setArray(4, c.createArrayOf("text", entries.stream().map(e -> e.getValue().toString()).toArray()));
    }
}
