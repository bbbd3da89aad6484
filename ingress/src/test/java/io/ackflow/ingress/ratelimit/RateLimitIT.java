package io.ackflow.ingress.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.embedded.EmbeddedStack;
import io.ackflow.ingress.support.Api;
import io.ackflow.ingress.support.IngressIT;
import io.ackflow.ingress.support.Topics;
import io.ackflow.ingress.publish.IngressMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The old service's burst test: with limit L, a burst of 2L within a second gets about half 429. */
@IngressIT
class RateLimitIT {
    static final int L = 20;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    /** A few requests first, so the burst measures the limiter rather than a cold JVM. */
    private static void warmUp(Api api, ExecutorService pool) {
        IntStream.range(0, 30)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> api.post("/v1/auctions/warm/bids", "{}").send(), pool))
                .toList().forEach(CompletableFuture::join);
    }

    @Test
    void burstOfTwiceTheLimitGetsAboutHalf429AndTheRefusedAreNeverPublished() {
        Api api = new Api(port);
        Topics topics = new Topics(EmbeddedStack.current().bootstrapServers());
        String source = Api.randomId("rl");
        String token = "rate-limit-token-0123";
        assertThat(api.put("/v1/sources/" + source, "{\"kind\":\"generic\",\"token\":\"" + token
                + "\",\"rate_limit\":{\"per_second\":" + L + ",\"burst\":" + L + "}}").send().status()).isEqualTo(200);
        double rejectedBefore = registry.counter(IngressMetrics.REJECTIONS, "reason", "rate_limit").count();

        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            warmUp(api, pool);
            long started = System.nanoTime();
            List<Api.Reply> replies = IntStream.range(0, 2 * L)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> api.call("POST", "/v1/webhooks/" + source)
                            .header("X-Webhook-Token", token).json("{\"n\":" + i + "}").send(), pool))
                    .toList().stream().map(CompletableFuture::join).toList();
            long limited = replies.stream().filter(r -> r.status() == 429).count();
            long accepted = replies.stream().filter(r -> r.status() == 202).count();
            assertThat(limited + accepted).isEqualTo(2 * L);
            double seconds = (System.nanoTime() - started) / 1e9;
            // accepted = burst L + L per second elapsed: about half of 2L when the burst arrives at once
            long refilled = (long) Math.ceil(L * seconds);
            assertThat(limited).as("about half of 2L (burst took %.2f s)", seconds)
                    .isPositive()
                    .isBetween(Math.max(1, L - refilled - 1), (long) L);
            Api.Reply one = replies.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
            assertThat(one.isProblem()).isTrue();
            assertThat(Long.parseLong(one.header("Retry-After"))).isBetween(1L, 2L);
            assertThat(topics.recordsWithKey(io.ackflow.schema.Topics.WEBHOOKS_RECEIVED, source)).hasSize((int) accepted);
            assertThat(registry.counter(IngressMetrics.REJECTIONS, "reason", "rate_limit").count() - rejectedBefore)
                    .isEqualTo(limited);
        } finally {
            pool.shutdownNow();
        }
    }
}
