package io.ackflow.persister;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The persister role alone, for integration tests. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class PersisterTestApp {}
