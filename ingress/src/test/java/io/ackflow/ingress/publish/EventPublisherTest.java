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
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Load shedding with a send held in flight, and a real producer's bounded wait when no broker listens. */
class EventPublisherTest {
    private final OutboundEvent event = new OutboundEvent("bids", "t", "k", "id", "type", "src", 0L, new byte[] {1});

    @Test
    void shedsLoadPastMaxInFlightWhileASendIsPending() {
        // a producer whose sends complete only when told: the first send is in flight for as long as the test wants,
        // which a real producer against a dead port only is for its ack timeout (too short on a saturated machine)
        MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EventPublisher publisher = new EventPublisher(producer, new IngressMetrics(registry),
                new ProducerState(Clock.systemUTC()), 1, 60_000);

        CompletableFuture<Ack> first = publisher.publish(event);
        assertThat(publisher.inFlight()).isEqualTo(1);
        assertThatThrownBy(() -> publisher.publish(event)).isInstanceOf(IngressOverloadedException.class);
        assertThat(registry.counter(IngressMetrics.REJECTIONS, "reason", "overloaded").count()).isEqualTo(1);

        producer.errorNext(new TimeoutException("no broker"));
        assertThatThrownBy(first::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(PublishFailedException.class);
        assertThat(publisher.inFlight()).isZero();
        assertThat(registry.counter(IngressMetrics.PUBLISH_FAILURES, "endpoint", "bids").count()).isEqualTo(1);
    }

    @Test
    void aRealProducerGivesUpWithinItsAckTimeoutWhenNoBrokerAnswers() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        IngressProperties props = new IngressProperties(Duration.ofMillis(500), null, 1, null, null, null, null, null,
                null, null, null);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                PublishConfiguration.producerSettings(Map.of("bootstrap.servers", "127.0.0.1:" + deadPort), props),
                new StringSerializer(), new ByteArraySerializer())) {
            EventPublisher publisher = new EventPublisher(producer, new IngressMetrics(new SimpleMeterRegistry()),
                    new ProducerState(Clock.systemUTC()), 1, props.ackTimeout().toMillis());

            long started = System.nanoTime();
            assertThatThrownBy(() -> publisher.publish(event).get()).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(PublishFailedException.class);
            // 500 ms plus the 500 ms guard, with wide slack for a saturated machine (5.1 s seen at load 31 on 2 cores);
            // what matters is that it is nowhere near Kafka's default max.block.ms + delivery timeout (60 s + 120 s)
            assertThat((System.nanoTime() - started) / 1_000_000).as("bounded by the ack timeout").isLessThan(15_000);
            assertThat(publisher.inFlight()).isZero();
        }
    }
}
