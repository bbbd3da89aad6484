package io.ackflow.app.ops.replay;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/**
 * The persister's real offsets: table {@code persister_offsets(consumer_group, topic, partition, next_offset)}. The
 * persister reads them on assignment, so an offline replay of its group must move them too, in one transaction.
 */
public final class PersisterOffsetStore {
    private final Connections connections;
    private final String description;

    /** Where connections come from: a JDBC URL (the CLI) or the process's DataSource. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    public PersisterOffsetStore(Connections connections, String description) {
        this.connections = connections;
        this.description = description;
    }

    public static PersisterOffsetStore forUrl(String jdbcUrl, String user, String password) {
        return new PersisterOffsetStore(() -> DriverManager.getConnection(jdbcUrl, user, password), jdbcUrl);
    }

    public static PersisterOffsetStore forDataSource(javax.sql.DataSource dataSource) {
        return new PersisterOffsetStore(dataSource::getConnection, "the persister's DataSource");
    }

    /** Sets {@code next_offset} for each partition (inserting rows that do not exist yet). Returns rows written. */
    public int rewind(String group, String topic, Map<Integer, Long> nextOffsets) {
        try (Connection c = connections.open()) {
            c.setAutoCommit(false);
            int written = 0;
            try (PreparedStatement update = c.prepareStatement("UPDATE persister_offsets SET next_offset = ?"
                            + " WHERE consumer_group = ? AND topic = ? AND \"partition\" = ?");
                    PreparedStatement insert = c.prepareStatement("INSERT INTO persister_offsets"
                            + " (consumer_group, topic, \"partition\", next_offset) VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<Integer, Long> e : nextOffsets.entrySet()) {
                    update.setLong(1, e.getValue());
                    update.setString(2, group);
                    update.setString(3, topic);
                    update.setInt(4, e.getKey());
                    if (update.executeUpdate() == 0) {
                        insert.setString(1, group);
                        insert.setString(2, topic);
                        insert.setInt(3, e.getKey());
                        insert.setLong(4, e.getValue());
                        insert.executeUpdate();
                    }
                    written++;
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
            return written;
        } catch (SQLException e) {
            throw new IllegalStateException("could not rewind persister_offsets for group " + group + " topic " + topic
                    + " at " + description + ": " + e.getMessage(), e);
        }
    }
}
