package io.ackflow.workers.quiz;

import io.ackflow.workers.support.WorkerContainers;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/** The quiz worker's listener container and settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QuizProperties.class)
public class QuizWorkerConfiguration {

    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> quizWorkerContainer(
            WorkerContainers containers, QuizAnswerListener listener) {
        return containers.create("quiz", listener);
    }
}
