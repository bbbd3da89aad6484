package io.ackflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AckflowMainTest {

    @Test
    void workersGroupsOptionBecomesTheProperty() {
        assertThat(AckflowMain.workerArgs(new String[] {"--groups", "bids,orders", "--server.port=0"}))
                .containsExactly("--ackflow.workers.groups=bids,orders", "--server.port=0");
        assertThat(AckflowMain.workerArgs(new String[] {"--groups=quiz"}))
                .containsExactly("--ackflow.workers.groups=quiz");
    }
}
