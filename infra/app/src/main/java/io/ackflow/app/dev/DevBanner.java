package io.ackflow.app.dev;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Prints where dev mode serves, its credentials, and a request to copy and paste. */
@Component
@ConditionalOnProperty(name = "ackflow.dev.enabled", havingValue = "true")
class DevBanner {
    private final Environment env;

    DevBanner(Environment env) {
        this.env = env;
    }

    @EventListener(ApplicationReadyEvent.class)
    void print() {
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        String base = "http://127.0.0.1:" + port;
        String admin = env.getProperty("ackflow.security.admin-token");
        String key = env.getProperty("ackflow.security.api-keys");
        String banner = """

                ackflow dev is ready at %1$s  (data: %4$s)
                  admin token:  %2$s
                  client key:   %3$s

                Try it:
                  curl -s -X PUT %1$s/v1/auctions/demo -H 'Authorization: Bearer %2$s' -H 'Content-Type: application/json' \\
                    -d '{"title":"Demo","opens_at":"2020-01-01T00:00:00Z","closes_at":"2099-01-01T00:00:00Z"}'
                  curl -s -X POST %1$s/v1/auctions/demo/bids -H 'Authorization: Bearer %3$s' -H 'Content-Type: application/json' \\
                    -d '{"bidder_id":"alice","amount":12.50,"display_name":"Alice"}'
                  curl -s %1$s/v1/auctions/demo/leaderboard -H 'Authorization: Bearer %3$s'
                Metrics: %1$s/actuator/prometheus   Health: %1$s/health
                Kafka: %5$s   Consumer lag: ./ackflow lag --bootstrap %5$s
                Stop with Ctrl-C.
                """.formatted(base, admin, key, env.getProperty("ackflow.embedded.data-dir"),
                env.getProperty("spring.kafka.bootstrap-servers"));
        System.out.println(banner);
    }
}
