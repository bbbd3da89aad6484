package io.ackflow.persister;

import io.ackflow.schema.role.ConditionalOnRole;
import io.ackflow.schema.role.Role;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.ComponentScan;

/** Everything the {@code persister} role runs; active when {@code ackflow.roles} includes it (or is unset). */
@AutoConfiguration
@ConditionalOnRole(Role.PERSISTER)
@ComponentScan(basePackageClasses = PersisterAutoConfiguration.class)
public class PersisterAutoConfiguration {}
