package io.ackflow.workers.bids;

import io.ackflow.workers.support.WorkerContainers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/** The bid worker's listener container. */
@Configuration(proxyBeanMethods = false)
public class BidWorkerConfiguration {

    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> bidWorkerContainer(WorkerContainers containers, BidListener listener) {
        return containers.create("bids", listener);
    }
}
