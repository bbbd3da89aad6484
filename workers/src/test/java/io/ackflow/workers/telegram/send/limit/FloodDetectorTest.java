package io.ackflow.workers.telegram.send.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FloodDetectorTest {
    private final AtomicLong now = new AtomicLong();
    private final FloodDetector detector = new FloodDetector(3, Duration.ofSeconds(1), now::get);

    @Test
    void a429ForOneChatPausesOnlyThatChat() {
        assertThat(detector.record(1)).isEqualTo(FloodDetector.Scope.CHAT);
        assertThat(detector.record(1)).isEqualTo(FloodDetector.Scope.CHAT);
        assertThat(detector.record(1)).isEqualTo(FloodDetector.Scope.CHAT);
    }

    @Test
    void manyChatsHitAtOnceIsABotWideFlood() {
        assertThat(detector.record(1)).isEqualTo(FloodDetector.Scope.CHAT);
        assertThat(detector.record(2)).isEqualTo(FloodDetector.Scope.CHAT);
        assertThat(detector.record(3)).isEqualTo(FloodDetector.Scope.BOT);
    }

    @Test
    void hitsOutsideTheWindowDoNotAddUp() {
        detector.record(1);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(600));
        detector.record(2);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(600));
        assertThat(detector.record(3)).isEqualTo(FloodDetector.Scope.CHAT);
    }
}
