package io.ackflow.schema.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ackflow.schema.ConsumerGroups;
import org.junit.jupiter.api.Test;

class AckflowGroupsTest {

    @Test
    void listsEveryNamedGroup() {
        assertThat(AckflowGroups.all()).contains(ConsumerGroups.BID_WORKER, ConsumerGroups.PERSISTER);
        assertThat(AckflowGroups.workerGroups()).containsEntry("bids", ConsumerGroups.BID_WORKER)
                .doesNotContainValue(ConsumerGroups.PERSISTER);
    }

    @Test
    void selectsByShortNameOrFullIdAndBlankMeansAll() {
        assertThat(AckflowGroups.selectWorkers(" bids, ackflow.workers.orders "))
                .containsExactly(ConsumerGroups.BID_WORKER, ConsumerGroups.ORDER_WORKER);
        assertThat(AckflowGroups.selectWorkers("")).containsAll(AckflowGroups.workerGroups().values());
        assertThat(AckflowGroups.isWorkerSelected("bids", ConsumerGroups.QUIZ_WORKER)).isFalse();
    }

    @Test
    void unknownGroupFailsNamingTheProperty() {
        assertThatThrownBy(() -> AckflowGroups.selectWorkers("bids,bidz"))
                .hasMessageContaining("ackflow.workers.groups").hasMessageContaining("'bidz'")
                .hasMessageContaining("orders");
    }
}
