package io.ackflow.workers.telegram.send;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The workers role with nothing else, for the sender's integration tests. */
@SpringBootConfiguration
@EnableAutoConfiguration
class TelegramSendTestApp {}
