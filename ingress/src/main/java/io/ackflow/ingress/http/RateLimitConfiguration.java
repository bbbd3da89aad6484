package io.ackflow.ingress.http;

import io.ackflow.ingress.ratelimit.RateLimits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The process-wide rate-limit buckets, on the monotonic clock. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {
    @Bean
    RateLimits ingressRateLimits() {
        return new RateLimits(System::nanoTime);
    }
}
