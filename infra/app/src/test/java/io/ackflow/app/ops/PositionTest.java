package io.ackflow.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ackflow.app.ops.replay.Position;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PositionTest {
    private final Clock clock = Clock.fixed(Instant.parse("2030-01-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void parsesOffsetsTimesAndDurations() {
        assertThat(Position.parse("1200", clock)).isEqualTo(new Position.Offset(1200));
        assertThat(Position.parse("earliest", clock)).isEqualTo(new Position.Earliest());
        assertThat(Position.parse("15m", clock)).isEqualTo(new Position.Time(Instant.parse("2030-01-01T11:45:00Z")));
        assertThat(Position.parse("PT2H", clock)).isEqualTo(new Position.Time(Instant.parse("2030-01-01T10:00:00Z")));
        assertThat(Position.parse("2030-01-01T10:00:00+02:00", clock))
                .isEqualTo(new Position.Time(Instant.parse("2030-01-01T08:00:00Z")));
        assertThat(Position.parse("2029-12-31", clock))
                .isEqualTo(new Position.Time(Instant.parse("2029-12-31T00:00:00Z")));
    }

    @Test
    void durationsAndTimesNoClockCanReachAreRefusedNotThrownRaw() {
        for (String text : new String[] {"9999999999999d", "PT2562047788015215H", "P999999999999D"}) {
            assertThatThrownBy(() -> Position.parse(text, clock)).as(text)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void timesBeforeTheEpochStartAtTheEpochSoKafkaNeverSeesANegativeTimestamp() {
        assertThat(Position.parse("-999999999-01-01T00:00:00Z", clock)).isEqualTo(new Position.Time(Instant.EPOCH));
        assertThat(Position.parse("106751991167d", clock)).isEqualTo(new Position.Time(Instant.EPOCH));
        assertThat(Position.parse("1969-12-31T23:59:59.999Z", clock)).isEqualTo(new Position.Time(Instant.EPOCH));
    }

    @Test
    void rejectsNonsenseWithTheAcceptedForms() {
        assertThatThrownBy(() -> Position.parse("yesterday", clock)).hasMessageContaining("ISO-8601");
    }
}
