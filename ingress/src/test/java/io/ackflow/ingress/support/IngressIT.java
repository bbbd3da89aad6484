package io.ackflow.ingress.support;

import io.ackflow.embedded.EmbeddedStackInitializer;
import io.ackflow.ingress.IngressTestApp;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one Spring context every ingress integration test shares (same properties, so it starts once per JVM), on the
 * embedded broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        classes = IngressTestApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ackflow.security.admin-token=" + Api.ADMIN_TOKEN,
            "ackflow.security.api-keys=" + Api.CLIENT_KEY + "," + Api.OTHER_CLIENT_KEY,
            "spring.mvc.problemdetails.enabled=true",
            "ackflow.ingress.reference-wait=1s",
            "ackflow.ingress.health-probe-interval=200ms",
            "management.endpoints.web.exposure.include=health,prometheus"
        })
@ContextConfiguration(initializers = EmbeddedStackInitializer.ForTests.class)
public @interface IngressIT {}
