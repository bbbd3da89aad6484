package io.ackflow.bench.persister;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.ackflow.persister.upsert.OffsetStore;
import io.ackflow.schema.ConsumerGroups;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;
import org.flywaydb.core.Flyway;

/** The benchmark's view of PostgreSQL: the persister's schema, resets between phases, and checks of the results. */
final class BenchDatabase implements AutoCloseable {
    /** The auction leaderboard's index (migration V1), which the diagnostic phase drops and recreates. */
    static final String LEADERBOARD_INDEX = "bids_leaderboard_idx";

    private final HikariDataSource dataSource;

    /** Counted rows and the sum of their amounts. */
    record Contents(long rows, BigDecimal amountSum) {
        boolean matches(BidWorkload.Expectation e) {
            return rows == e.rows() && amountSum.compareTo(e.amountSum()) == 0;
        }
    }

    /** @param user the user name, or null when the URL carries it */
    BenchDatabase(String jdbcUrl, String user) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        config.setMaximumPoolSize(10);
        config.setPoolName("bench");
        this.dataSource = new HikariDataSource(config);
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** The persister's own migrations, exactly as the application applies them. */
    void migrate() {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").outOfOrder(true).load()
                .migrate();
    }

    void execute(String... sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("failed: " + String.join("; ", sql), e);
        }
    }

    /**
     * The statement that creates {@code index} ({@code pg_get_indexdef}), so a phase can drop it and put it back
     * exactly as the migrations made it.
     */
    String indexDefinition(String index) {
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT pg_get_indexdef(to_regclass(?))")) {
            ps.setString(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String definition = rs.getString(1);
                if (definition == null) {
                    throw new IllegalStateException("no index " + index + " in this database (a run stopped during "
                            + "the diagnostic phase leaves it dropped: use a new scratch database)");
                }
                return definition;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("failed to read the definition of " + index, e);
        }
    }

    /** Empties {@code bids} and writes a checkpoint, so no phase pays for the previous one's dirty pages. */
    void resetBids() {
        execute("TRUNCATE bids", "CHECKPOINT");
    }

    void checkpoint() {
        execute("CHECKPOINT");
    }

    /** Sets the persister group's stored offsets (where its loops start), as an operator's replay would. */
    void storeOffsets(Map<TopicPartition, Long> offsets) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            new OffsetStore(ConsumerGroups.PERSISTER).reset(c, offsets);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store offsets", e);
        }
    }

    /** The stored next offsets of {@code topic} in the persister group. */
    Map<Integer, Long> storedOffsets(String topic) {
        Map<Integer, Long> out = new java.util.TreeMap<>();
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT partition, next_offset FROM persister_offsets "
                        + "WHERE consumer_group = ? AND topic = ?")) {
            ps.setString(1, ConsumerGroups.PERSISTER);
            ps.setString(2, topic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getInt(1), rs.getLong(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read stored offsets", e);
        }
    }

    /** Rows of {@code table} whose auction id starts with {@code auctionPrefix}, and the sum of their amounts. */
    Contents contents(String table, String auctionPrefix) {
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT count(*), coalesce(sum(amount), 0) FROM " + table
                        + " WHERE auction_id LIKE ?")) {
            ps.setString(1, auctionPrefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Contents(rs.getLong(1), rs.getBigDecimal(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count " + table, e);
        }
    }

    String serverVersion() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('server_version'), current_setting('fsync'), "
                        + "current_setting('synchronous_commit')")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1) + ", fsync=" + rs.getString(2) + ", synchronous_commit="
                    + rs.getString(3);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the server version", e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
