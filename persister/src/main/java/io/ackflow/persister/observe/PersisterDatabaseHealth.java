package io.ackflow.persister.observe;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of the persister: DOWN while a consume loop is paused on database errors or the outbox relay's last
 * round failed. It answers from {@link DatabaseState} and the pool's counters; it never runs a query, so a probe
 * takes microseconds even while PostgreSQL hangs. Liveness does not include it.
 */
public final class PersisterDatabaseHealth implements HealthIndicator {
    private final DatabaseState state;
    private final DataSource dataSource;

    public PersisterDatabaseHealth(DatabaseState state, DataSource dataSource) {
        this.state = state;
        this.dataSource = dataSource;
    }

    @Override
    public Health health() {
        Health.Builder b = state.isPaused() || state.relayProblem() != null ? Health.down() : Health.up();
        if (state.isPaused()) {
            b.withDetail("paused", state.pausedLoops());
        }
        if (state.relayProblem() != null) {
            b.withDetail("outboxRelay", state.relayProblem());
        }
        if (dataSource instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
            HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
            b.withDetail("pool", java.util.Map.of("active", pool.getActiveConnections(), "idle",
                    pool.getIdleConnections(), "total", pool.getTotalConnections(), "waiting",
                    pool.getThreadsAwaitingConnection()));
        }
        return b.build();
    }
}
