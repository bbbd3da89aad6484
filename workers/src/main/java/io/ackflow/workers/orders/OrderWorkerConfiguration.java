package io.ackflow.workers.orders;

import io.ackflow.workers.support.WorkerContainers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/** The order worker's listener container. */
@Configuration(proxyBeanMethods = false)
public class OrderWorkerConfiguration {

    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> orderWorkerContainer(
            WorkerContainers containers, OrderListener listener) {
        return containers.create("orders", listener);
    }
}
