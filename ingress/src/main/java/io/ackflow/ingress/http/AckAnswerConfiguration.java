package io.ackflow.ingress.http;

import io.ackflow.ingress.IngressProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Puts {@link AckAnswerReturnValueHandler} first among the MVC return-value handlers. It has to come first: on a
 * {@code @RestController} the {@code @ResponseBody} handler claims every return type, and handlers registered through
 * {@code WebMvcConfigurer} are only consulted after it.
 */
@Configuration(proxyBeanMethods = false)
class AckAnswerConfiguration {
    /** Beyond the publisher's own bound (ack timeout + its guard) before the container gives up on an answer. */
    private static final Duration SAFETY_MARGIN = Duration.ofSeconds(5);

    @Bean
    SmartInitializingSingleton ackAnswerHandlerFirst(
            ObjectProvider<RequestMappingHandlerAdapter> adapters, IngressProperties props) {
        return () -> adapters.orderedStream().forEach(adapter -> {
            AckAnswerReturnValueHandler ours = new AckAnswerReturnValueHandler(
                    adapter::getMessageConverters, props.ackTimeout().plus(SAFETY_MARGIN));
            List<HandlerMethodReturnValueHandler> handlers = new ArrayList<>();
            handlers.add(ours);
            if (adapter.getReturnValueHandlers() != null) {
                handlers.addAll(adapter.getReturnValueHandlers());
            }
            adapter.setReturnValueHandlers(handlers);
        });
    }
}
