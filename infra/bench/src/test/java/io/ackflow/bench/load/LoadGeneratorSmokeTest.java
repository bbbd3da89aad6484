package io.ackflow.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the generator for about two seconds at a low rate against a local stub and checks that counts add up. No
 * assertion is made on latency values: they are not a unit test's business.
 */
class LoadGeneratorSmokeTest {
    private static final double RATE = 200;
    private static final Duration WARMUP = Duration.ofMillis(500);
    private static final Duration MEASURED = Duration.ofMillis(1500);

    private HttpServer server;
    private ExecutorService executor;
    private final AtomicLong received = new AtomicLong();

    @BeforeEach
    void startStub() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // else delayed ACKs add ~40 ms per response
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/fixed", exchange -> answer(exchange, 202, false));
        server.createContext("/chunked", exchange -> answer(exchange, 202, true));
        server.createContext("/every-tenth-fails", exchange -> {
            long n = received.get();
            answer(exchange, n % 10 == 0 ? 503 : 202, false);
        });
        server.start();
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void answer(HttpExchange exchange, int status, boolean chunked) throws IOException {
        exchange.getRequestBody().readAllBytes();
        received.incrementAndGet();
        byte[] body = "{\"id\":\"0190f1d2-0000-7000-8000-000000000000\",\"status\":\"queued\"}"
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, chunked ? 0 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private LoadResult run(String path) throws Exception {
        InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getAddress().getPort());
        byte[] body = "{\"bidder_id\":\"b-1\",\"amount\":12.5}".getBytes(StandardCharsets.UTF_8);
        HttpRequestSource requests = seq -> HttpRequests.json("POST", "127.0.0.1", path, Map.of("X-Seq", Long.toString(seq)), body);
        return new LoadGenerator(new LoadGenerator.Settings(target, 8, RATE, WARMUP, MEASURED, Duration.ofSeconds(5)))
                .run(requests);
    }

    @Test
    void countsEveryMeasuredRequestOnceWithContentLengthResponses() throws Exception {
        LoadResult result = run("/fixed");

        long expectedMeasured = Math.round(RATE * MEASURED.toMillis() / 1000.0);
        long expectedTotal = expectedMeasured + Math.round(RATE * WARMUP.toMillis() / 1000.0);
        assertThat(result.measured()).isEqualTo(expectedMeasured);
        assertThat(result.errors()).isEmpty();
        assertThat(result.succeeded()).isEqualTo(expectedMeasured);
        assertThat(result.latencyNanos().getTotalCount()).isEqualTo(expectedMeasured);
        assertThat(result.lagNanos().getTotalCount()).isEqualTo(expectedMeasured);
        assertThat(received.get()).isEqualTo(expectedTotal);
        assertThat(result.latencyNanos().getMinValue()).isPositive();
        assertThat(result.achievedPerSecond()).isPositive();
        assertThat(result.toMeasurement("stub", "").p99Ms()).isPositive();
    }

    @Test
    void readsChunkedResponses() throws Exception {
        LoadResult result = run("/chunked");

        assertThat(result.errors()).isEmpty();
        assertThat(result.succeeded()).isEqualTo(result.measured());
    }

    @Test
    void countsNon2xxAnswersByStatus() throws Exception {
        LoadResult result = run("/every-tenth-fails");

        assertThat(result.errors()).containsOnlyKeys("HTTP 503");
        assertThat(result.succeeded() + result.errorCount()).isEqualTo(result.measured());
        assertThat(result.errorCount()).isBetween(result.measured() / 10 - 2, result.measured() / 10 + 2);
        assertThat(result.latencyNanos().getTotalCount()).isEqualTo(result.measured());
    }
}
