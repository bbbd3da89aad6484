package io.ackflow.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ackflow.app.ops.replay.ReplaySpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReplaySpecTest {

    @Test
    void aNullPartitionIsABadRequestNotANullPointer() {
        assertThatThrownBy(() -> new ReplaySpec("g", "t", "0", null, Arrays.asList(1, null), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partitions");
    }

    @Test
    void partitionsFromTheCommandLineAreAnImmutableList() {
        assertThat(new ReplaySpec("g", "t", "0", null, java.util.List.of(0, 2), null).partitions()).containsExactly(0, 2);
    }

    @Test
    void noPartitionsMeansAll() {
        assertThat(new ReplaySpec("g", "t", "0", null, null, null).partitions()).isEmpty();
    }
}
