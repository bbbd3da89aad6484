package io.ackflow.app.ops;

import io.ackflow.app.ops.replay.PersisterOffsetStore;
import io.ackflow.app.ops.replay.Replayer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The operations beans of every role: lag sampler, replay service and the {@code /ops/*} endpoints. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpsProperties.class)
public class OpsConfiguration {

    static Map<String, Object> clientProperties(KafkaProperties kafka) {
        Map<String, Object> props = new HashMap<>(kafka.buildAdminProperties());
        props.putIfAbsent("request.timeout.ms", "5000");
        props.putIfAbsent("default.api.timeout.ms", "10000");
        return props;
    }

    @Bean
    @ConditionalOnProperty(name = "ackflow.ops.lag.enabled", havingValue = "true", matchIfMissing = true)
    LagSampler ackflowLagSampler(KafkaProperties kafka, OpsProperties props, ObjectProvider<MeterRegistry> meters) {
        return new LagSampler(clientProperties(kafka), props.lag(), Clock.systemUTC(),
                meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
    }

    /** The replay service owns its Admin client (not a bean: other modules may inject an {@code Admin} by type). */
    @Bean(destroyMethod = "close")
    Replayer ackflowReplayer(KafkaProperties kafka, OpsProperties props, ObjectProvider<DataSource> dataSource,
            ObjectProvider<MeterRegistry> meters) {
        Map<String, Object> client = clientProperties(kafka);
        return new Replayer(Admin.create(client), client, props.lag().timeout().multipliedBy(3),
                Clock.systemUTC(), Optional.ofNullable(dataSource.getIfAvailable()).map(PersisterOffsetStore::forDataSource),
                meters.getIfAvailable());
    }
}
