package io.ackflow.ingress.publish;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code ingressProducer} health indicator, part of the {@code ready} group. A probe only reads cached state; a
 * background thread warms the producer up (fetches metadata for every topic ingress writes) and then checks the broker
 * every {@code ackflow.ingress.health-probe-interval} with a short timeout. The newest of "last send" and "last probe"
 * decides, so readiness falls as soon as sends time out and returns on the next good probe.
 */
public final class ProducerHealth implements HealthIndicator, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ProducerHealth.class);

    private final Producer<String, byte[]> producer;
    private final ProducerState state;
    private final List<String> topics;
    private final Admin admin;
    private final Duration probeTimeout;
    private final ScheduledExecutorService probes;
    private volatile boolean lastProbeOk = true;

    public ProducerHealth(
            Producer<String, byte[]> producer,
            ProducerState state,
            List<String> topics,
            Map<String, Object> adminProperties,
            Duration probeInterval,
            Duration probeTimeout) {
        this.producer = producer;
        this.state = state;
        this.topics = topics;
        this.probeTimeout = probeTimeout;
        Map<String, Object> props = new java.util.HashMap<>(adminProperties);
        int timeoutMs = (int) probeTimeout.toMillis();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "ackflow-ingress-probe");
        this.admin = Admin.create(props);
        this.probes = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ackflow-ingress-probe");
            t.setDaemon(true);
            return t;
        });
        probes.scheduleWithFixedDelay(this::probe, 0, probeInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits up to {@code timeout} for the first warm-up, so the first requests do not pay for metadata. */
    public boolean awaitWarmUp(Duration timeout) {
        try {
            return state.awaitWarmUp(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void probe() {
        try {
            if (!state.snapshot().warmedUp()) {
                warmUp();
            }
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) probeTimeout.toMillis()))
                    .nodes()
                    .get(probeTimeout.toMillis() + 200, TimeUnit.MILLISECONDS);
            report(true, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            report(false, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void warmUp() {
        for (String topic : topics) {
            producer.partitionsFor(topic); // blocks up to max.block.ms; throws when the broker is away
        }
        state.warmedUp();
        log.info("Ingress producer warmed up: metadata known for {} topics", topics.size());
    }

    private void report(boolean ok, String detail) {
        if (ok != lastProbeOk) {
            if (ok) {
                log.info("Kafka broker reachable again");
            } else {
                log.warn("Kafka broker probe failed: {}", detail);
            }
        }
        lastProbeOk = ok;
        state.probed(ok, detail);
    }

    @Override
    public Health health() {
        ProducerState.Snapshot s = state.snapshot();
        ProducerState.Outcome latest = latest(s.lastSend(), s.lastProbe());
        Health.Builder b;
        if (!s.warmedUp()) {
            b = Health.down().withDetail("reason", "warming up: topic metadata not fetched yet");
        } else if (latest != null && !latest.ok()) {
            b = Health.down().withDetail("reason", "broker unreachable: " + latest.detail());
        } else {
            b = Health.up();
        }
        if (s.lastSend() != null) {
            b.withDetail("lastSend", (s.lastSend().ok() ? "ok" : "failed") + " at " + s.lastSend().at());
        }
        if (s.lastProbe() != null) {
            b.withDetail("lastProbe", (s.lastProbe().ok() ? "ok" : "failed") + " at " + s.lastProbe().at());
        }
        return b.build();
    }

    private static ProducerState.Outcome latest(ProducerState.Outcome a, ProducerState.Outcome b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.at().isAfter(b.at()) ? a : b;
    }

    @Override
    public void destroy() {
        probes.shutdownNow();
        admin.close(Duration.ofSeconds(1));
    }
}
