package io.ackflow.ingress;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The ingress role alone, as the integration tests run it. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class IngressTestApp {}
