package io.ackflow.ingress.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ackflow.ingress.IngressProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A real producer pointed at a port where no broker listens: bounded waits and load shedding, no broker needed. */
class EventPublisherTest {

    @Test
    void shedsLoadPastMaxInFlightAndFailsWithinTheAckTimeoutWhenNoBrokerAnswers() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        IngressProperties props = new IngressProperties(Duration.ofSeconds(3), null, 1, null, null, null, null, null,
                null, null, null);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                PublishConfiguration.producerSettings(Map.of("bootstrap.servers", "127.0.0.1:" + deadPort), props),
                new StringSerializer(), new ByteArraySerializer())) {
            EventPublisher publisher = new EventPublisher(producer, new IngressMetrics(registry),
                    new ProducerState(Clock.systemUTC()), 1, props.ackTimeout().toMillis());
            OutboundEvent event = new OutboundEvent("bids", "t", "k", "id", "type", "src", 0L, new byte[] {1});

            long started = System.nanoTime();
            CompletableFuture<CompletableFuture<Ack>> first = CompletableFuture.supplyAsync(() -> publisher.publish(event));
            // the first send holds its permit for the whole ack timeout (no broker answers), long enough to be seen
            // even on a loaded machine
            Awaitility.await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
                    .until(() -> publisher.inFlight() == 1);
            assertThatThrownBy(() -> publisher.publish(event)).isInstanceOf(IngressOverloadedException.class);
            assertThat(registry.counter(IngressMetrics.REJECTIONS, "reason", "overloaded").count()).isEqualTo(1);

            assertThatThrownBy(() -> first.get().get()).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(PublishFailedException.class);
            assertThat((System.nanoTime() - started) / 1_000_000).as("bounded by the ack timeout").isLessThan(3_000 + 1_500);
            assertThat(publisher.inFlight()).isZero();
            assertThat(registry.counter(IngressMetrics.PUBLISH_FAILURES, "endpoint", "bids").count()).isEqualTo(1);
        }
    }
}
