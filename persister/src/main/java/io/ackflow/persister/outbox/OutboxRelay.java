package io.ackflow.persister.outbox;

import io.ackflow.persister.PersisterProperties;
import io.ackflow.persister.observe.DatabaseState;
import io.ackflow.persister.observe.PersisterMetrics;
import io.ackflow.schema.Json;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes unpublished {@code outbox} rows to their topic and marks them published. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED} so several persister instances never publish the same row at the same time. A crash
 * between the broker's acknowledgement and the commit re-publishes the row: delivery is at least once, and consumers
 * dedupe by message id (the Telegram sender's ledger does).
 *
 * <p>Its rounds double as the persister's cheap database heartbeat for readiness: an SQL failure marks
 * {@link DatabaseState} until a round succeeds.
 */
public final class OutboxRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String CLAIM = "SELECT id, topic, record_key, payload, headers FROM outbox "
            + "WHERE published_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED";
    private static final String MARK = "UPDATE outbox SET published_at = now() WHERE id = ANY(?)";

    private final DataSource dataSource;
    private final KafkaProducer<String, byte[]> producer;
    private final PersisterProperties.Outbox props;
    private final DatabaseState state;
    private final PersisterMetrics metrics;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public OutboxRelay(DataSource dataSource, KafkaProducer<String, byte[]> producer, PersisterProperties.Outbox props,
            DatabaseState state, PersisterMetrics metrics) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.props = props;
        this.state = state;
        this.metrics = metrics;
    }

    /** Asks for a round now, e.g. right after a flush wrote outbox rows. */
    public void wake() {
        wake.release();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "ackflow-persister-outbox");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        wake.release();
        if (thread != null) {
            try {
                thread.join(props.sendTimeout().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            int published = publishOnce();
            if (published < props.batchSize()) {
                try {
                    wake.tryAcquire(props.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One round: claims up to batch-size rows, publishes them, marks them. Returns how many were published. */
    public int publishOnce() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Long> ids = new ArrayList<>();
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
                    ps.setInt(1, props.batchSize());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                            sent.add(producer.send(record(rs)));
                        }
                    }
                }
                if (ids.isEmpty()) {
                    c.commit();
                    state.relayRecovered();
                    return 0;
                }
                long deadline = System.nanoTime() + props.sendTimeout().toNanos();
                for (Future<RecordMetadata> f : sent) {
                    f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
                try (PreparedStatement ps = c.prepareStatement(MARK)) {
                    Array array = c.createArrayOf("bigint", ids.toArray());
                    ps.setArray(1, array);
                    ps.executeUpdate();
                }
                c.commit();
                state.relayRecovered();
                metrics.outboxPublished(ids.size());
                log.debug("Outbox relay published {} records", ids.size());
                return ids.size();
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            state.relayFailed(e);
            log.debug("Outbox relay round failed: {}", e.toString());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Outbox relay could not publish ({}); retrying", e.toString());
        }
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static ProducerRecord<String, byte[]> record(ResultSet rs) throws SQLException {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(rs.getString(2), rs.getString(3),
                rs.getString(4).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> headers = Json.MAPPER.readValue(rs.getString(5), Map.class);
        headers.forEach((k, v) -> {
            if (v != null) {
                record.headers().add(k, v.toString().getBytes(StandardCharsets.UTF_8));
            }
        });
        return record;
    }
}
