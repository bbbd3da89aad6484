package io.ackflow.persister;

import com.zaxxer.hikari.HikariDataSource;
import io.ackflow.persister.consume.DeadLetterPublisher;
import io.ackflow.persister.consume.PersisterLifecycle;
import io.ackflow.persister.consume.PersisterLoops;
import io.ackflow.persister.consume.PersisterReplayTarget;
import io.ackflow.persister.observe.DatabaseState;
import io.ackflow.persister.observe.PersisterDatabaseHealth;
import io.ackflow.persister.observe.PersisterMetrics;
import io.ackflow.persister.outbox.OutboxRelay;
import io.ackflow.persister.read.AuctionLeaderboardQuery;
import io.ackflow.persister.read.EventStatusQuery;
import io.ackflow.persister.read.OrderQuery;
import io.ackflow.persister.read.QuizLeaderboardQuery;
import io.ackflow.persister.read.ReadRequests;
import io.ackflow.schema.ConsumerGroups;
import io.ackflow.schema.auth.BearerCredentials;
import io.ackflow.schema.role.ConditionalOnRole;
import io.ackflow.schema.role.Role;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;

/** Everything the {@code persister} role runs; active when {@code ackflow.roles} includes it (or is unset). */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnRole(Role.PERSISTER)
@EnableConfigurationProperties(PersisterProperties.class)
@ComponentScan(basePackageClasses = PersisterAutoConfiguration.class)
public class PersisterAutoConfiguration {

    @Bean
    DatabaseState persisterDatabaseState(ObjectProvider<Clock> clock) {
        return new DatabaseState(clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    PersisterMetrics persisterMetrics(ObjectProvider<MeterRegistry> registry, DatabaseState state) {
        return new PersisterMetrics(registry.getIfUnique(SimpleMeterRegistry::new), state);
    }

    /** Readiness: the {@code ready} health group names this bean. */
    @Bean("persisterDatabase")
    PersisterDatabaseHealth persisterDatabase(DatabaseState state, DataSource dataSource) {
        return new PersisterDatabaseHealth(state, dataSource);
    }

    @Bean
    PersisterProducer persisterProducer(KafkaProperties kafka, @Value("${ackflow.instance-id:}") String instanceId) {
        String suffix = instanceId.isBlank() ? "pid" + ProcessHandle.current().pid() : instanceId;
        return new PersisterProducer(kafka.buildProducerProperties(), "ackflow-persister-producer-" + suffix);
    }

    @Bean
    OutboxRelay persisterOutboxRelay(DataSource dataSource, PersisterProducer producer, PersisterProperties props,
            DatabaseState state, PersisterMetrics metrics) {
        return new OutboxRelay(dataSource, producer.producer(), props.outbox(), state, metrics);
    }

    @Bean
    PersisterLoops persisterLoops(KafkaProperties kafka, PersisterProperties props, DataSource dataSource,
            PersisterMetrics metrics, DatabaseState state, ObjectProvider<Clock> clock, PersisterProducer producer,
            OutboxRelay relay) {
        return new PersisterLoops(kafka.buildConsumerProperties(), props, dataSource, metrics, state,
                clock.getIfUnique(Clock::systemUTC),
                new DeadLetterPublisher(producer.producer(), ConsumerGroups.PERSISTER, props.dltSendTimeout()),
                relay::wake);
    }

    @Bean
    PersisterLifecycle persisterLifecycle(PersisterLoops loops, PersisterProperties props, DataSource dataSource,
            @Value("${ackflow.instance-id:}") String instanceId) {
        if (props.enabled()) {
            requirePoolFor(props.loops(), dataSource);
        }
        return new PersisterLifecycle(loops, props, instanceId);
    }

    /**
     * Each loop holds at most one connection at a time, the outbox relay one, and the read side needs at least one:
     * with a smaller pool, flushes would wait for connections and time out as if the database were down.
     */
    static void requirePoolFor(int loops, DataSource dataSource) {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                int pool = dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
                if (pool < loops + 2) {
                    throw new IllegalStateException(PersisterProperties.PREFIX + ".loops=" + loops + " needs "
                            + (loops + 2) + " connections (one per loop, the outbox relay, the read side), but "
                            + "spring.datasource.hikari.maximum-pool-size is " + pool);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the connection pool size", e);
        }
    }

    @Bean
    PersisterReplayTarget persisterReplayTarget(PersisterLoops loops) {
        return new PersisterReplayTarget(loops);
    }

    @Bean
    ReadRequests persisterReadRequests(BearerCredentials credentials) {
        return new ReadRequests(credentials);
    }

    @Bean
    AuctionLeaderboardQuery auctionLeaderboardQuery(DataSource dataSource) {
        return new AuctionLeaderboardQuery(dataSource);
    }

    @Bean
    QuizLeaderboardQuery quizLeaderboardQuery(DataSource dataSource) {
        return new QuizLeaderboardQuery(dataSource);
    }

    @Bean
    OrderQuery orderQuery(DataSource dataSource) {
        return new OrderQuery(dataSource);
    }

    @Bean
    EventStatusQuery eventStatusQuery(DataSource dataSource) {
        return new EventStatusQuery(dataSource);
    }
}
