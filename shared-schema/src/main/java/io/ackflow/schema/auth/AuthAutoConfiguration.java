package io.ackflow.schema.auth;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Binds and validates {@code ackflow.security.*} in every process that serves HTTP. */
@AutoConfiguration
@ConditionalOnWebApplication
@EnableConfigurationProperties(AccessProperties.class)
public class AuthAutoConfiguration {

    @Bean
    BearerCredentials bearerCredentials(AccessProperties props) {
        return new BearerCredentials(props);
    }
}
