package io.ackflow.ingress;

import io.ackflow.schema.role.ConditionalOnRole;
import io.ackflow.schema.role.Role;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;

/** Everything the {@code ingress} role runs; active when {@code ackflow.roles} includes it (or is unset). */
@AutoConfiguration
@ConditionalOnRole(Role.INGRESS)
@EnableConfigurationProperties(IngressProperties.class)
@ComponentScan(basePackageClasses = IngressAutoConfiguration.class)
public class IngressAutoConfiguration {}
