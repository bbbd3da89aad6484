package io.ackflow.workers.telegram.updates;

import io.ackflow.workers.support.WorkerContainers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/** The Telegram update worker's listener container. */
@Configuration(proxyBeanMethods = false)
public class TelegramUpdateWorkerConfiguration {

    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> telegramUpdateWorkerContainer(
            WorkerContainers containers, TelegramUpdateListener listener) {
        return containers.create("telegram-updates", listener);
    }
}
