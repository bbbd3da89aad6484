package io.ackflow.ingress.http;

import io.ackflow.ingress.IngressProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * How publishing endpoints answer: {@link AckAnswerWriter}, used by {@link AckAnswerReturnValueHandler} inside the
 * dispatcher and by {@link DirectRoutes} in front of it.
 */
@Configuration(proxyBeanMethods = false)
class AckAnswerConfiguration {
    /** Beyond the publisher's own bound (ack timeout + its guard) before the container gives up on an answer. */
    private static final Duration SAFETY_MARGIN = Duration.ofSeconds(5);

    @Bean
    AckAnswerWriter ackAnswerWriter(ObjectProvider<RequestMappingHandlerAdapter> adapter, IngressProperties props) {
        return new AckAnswerWriter(() -> adapter.getObject().getMessageConverters(),
                props.ackTimeout().plus(SAFETY_MARGIN));
    }

    /**
     * Puts the {@link AckAnswer} handler first among the MVC return-value handlers. It has to come first: on a
     * {@code @RestController} the {@code @ResponseBody} handler claims every return type, and handlers registered
     * through {@code WebMvcConfigurer} are only consulted after it.
     */
    @Bean
    SmartInitializingSingleton ackAnswerHandlerFirst(
            ObjectProvider<RequestMappingHandlerAdapter> adapters, AckAnswerWriter writer) {
        return () -> adapters.orderedStream().forEach(adapter -> {
            List<HandlerMethodReturnValueHandler> handlers = new ArrayList<>();
            handlers.add(new AckAnswerReturnValueHandler(writer));
            if (adapter.getReturnValueHandlers() != null) {
                handlers.addAll(adapter.getReturnValueHandlers());
            }
            adapter.setReturnValueHandlers(handlers);
        });
    }

    /** {@code ackflow.ingress.direct-routes=false} sends every request through the dispatcher (for comparison). */
    @Bean
    FilterRegistrationBean<DirectRoutes> directRoutes(
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mapping,
            AckAnswerWriter writer,
            IngressProblems problems,
            IngressProperties props) {
        FilterRegistrationBean<DirectRoutes> registration = new FilterRegistrationBean<>(
                new DirectRoutes(() -> mapping.getObject().getHandlerMethods(), writer, problems));
        registration.setEnabled(props.directRoutes());
        registration.setName("ackflowDirectRoutes");
        registration.addUrlPatterns("/v1/*");
        // after every other filter (observation, request context), just before the dispatcher
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }
}
