package io.ackflow.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring Boot application; roles come from the ingress, workers and persister auto-configurations. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AckflowApplication {}
