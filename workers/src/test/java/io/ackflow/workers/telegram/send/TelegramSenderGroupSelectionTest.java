package io.ackflow.workers.telegram.send;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code ./ackflow workers --groups ...} must leave the sender out unless it is selected. The selected case (blank means
 * every group) is exercised end to end by {@link TelegramSenderIT}.
 */
class TelegramSenderGroupSelectionTest {
    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(TelegramSenderConfiguration.class);

    @Test
    void senderDoesNotStartWhenOtherGroupsAreSelected() {
        runner.withPropertyValues("ackflow.workers.groups=bids,orders")
                .run(context -> assertThat(context).doesNotHaveBean(TelegramSenderConfiguration.class));
    }
}
