package io.ackflow.workers;

import io.ackflow.schema.role.ConditionalOnRole;
import io.ackflow.schema.role.Role;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.ComponentScan;

/** Everything the {@code workers} role runs; active when {@code ackflow.roles} includes it (or is unset). */
@AutoConfiguration
@ConditionalOnRole(Role.WORKERS)
@ComponentScan(basePackageClasses = WorkersAutoConfiguration.class)
public class WorkersAutoConfiguration {}
