package io.ackflow.ingress.reference;

import io.ackflow.ingress.IngressProperties;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.BotDefined;
import io.ackflow.schema.event.SourceDefined;
import io.ackflow.schema.topics.TopicsAutoConfiguration;
import io.ackflow.schema.view.ReferenceView;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The source and bot views ingress authenticates webhooks against. */
@Configuration(proxyBeanMethods = false)
class ReferenceConfiguration {

    @Bean(destroyMethod = "close")
    ReferenceLookup<SourceDefined> ingressSources(
            KafkaProperties kafka,
            IngressProperties props,
            ObjectProvider<TopicsAutoConfiguration.ProvisionedTopics> topics) {
        topics.getIfAvailable();
        return new ReferenceLookup<>(
                new ReferenceView<>(Topics.SOURCES, SourceDefined.class, kafka.buildConsumerProperties()),
                props.referenceWait());
    }

    @Bean(destroyMethod = "close")
    ReferenceLookup<BotDefined> ingressBots(
            KafkaProperties kafka,
            IngressProperties props,
            ObjectProvider<TopicsAutoConfiguration.ProvisionedTopics> topics) {
        topics.getIfAvailable();
        return new ReferenceLookup<>(
                new ReferenceView<>(Topics.BOTS, BotDefined.class, kafka.buildConsumerProperties()),
                props.referenceWait());
    }
}
