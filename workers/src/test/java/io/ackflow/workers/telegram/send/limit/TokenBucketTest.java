package io.ackflow.workers.telegram.send.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advanceMillis(long ms) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    @Test
    void privateChatAllowsAShortBurstThenOneASecond() {
        TokenBucket chat = new TokenBucket("chat", BotLimits.telegramDefaults(3, 1).chatConfig(42), now::get);

        assertThat(chat.tryAcquire()).isTrue();
        assertThat(chat.tryAcquire()).isTrue();
        assertThat(chat.tryAcquire()).isTrue();
        assertThat(chat.tryAcquire()).isFalse();
        assertThat(chat.nanosUntilPermit()).isEqualTo(TimeUnit.SECONDS.toNanos(1));

        advanceMillis(999);
        assertThat(chat.tryAcquire()).isFalse();
        advanceMillis(1);
        assertThat(chat.tryAcquire()).isTrue();
        assertThat(chat.tryAcquire()).isFalse();
    }

    @Test
    void groupChatIsLimitedPerMinute() {
        TokenBucket group = new TokenBucket("group", BotLimits.telegramDefaults(1, 1).chatConfig(-100123), now::get);

        assertThat(group.tryAcquire()).isTrue();
        assertThat(group.tryAcquire()).isFalse();
        // 20 a minute: one every 3 s
        assertThat(group.nanosUntilPermit()).isEqualTo(TimeUnit.SECONDS.toNanos(3));
        advanceMillis(3000);
        assertThat(group.tryAcquire()).isTrue();
    }

    @Test
    void globalShareIsThePartitionShareOfTheBotRate() {
        BotLimits limits = BotLimits.telegramDefaults(3, 1);
        TokenBucket half = new TokenBucket("bot", limits.globalConfig(0.5), now::get);
        int sent = 0;
        for (int ms = 0; ms < 10_000; ms++) {
            if (half.tryAcquire()) {
                sent++;
            }
            advanceMillis(1);
        }
        // 15 a second for 10 s, plus the one permit it starts with
        assertThat(sent).isBetween(150, 151);
    }

    @Test
    void namedExceptionSaysHowLongToWait() {
        TokenBucket bucket = new TokenBucket("bot 7", TokenBucket.Config.perSecond(2, 1), now::get);
        bucket.acquirePermission();

        assertThatThrownBy(bucket::acquirePermission)
                .isInstanceOfSatisfying(RequestNotPermitted.class,
                        e -> assertThat(e.waitNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500)))
                .hasMessageContaining("bot 7");
    }

    @Test
    void reconfigureKeepsAccruedPermitsUpToTheNewBurst() {
        TokenBucket bucket = new TokenBucket("b", TokenBucket.Config.perSecond(10, 5), now::get);
        bucket.reconfigure(TokenBucket.Config.perSecond(1, 2));
        assertThat(bucket.tryAcquire()).isTrue();
        assertThat(bucket.tryAcquire()).isTrue();
        assertThat(bucket.tryAcquire()).isFalse();
    }

    @Test
    void badConfigFailsFast() {
        assertThatThrownBy(() -> TokenBucket.Config.perSecond(0, 1)).hasMessageContaining("permitsPerSecond");
        assertThatThrownBy(() -> TokenBucket.Config.perSecond(Double.NaN, 1)).hasMessageContaining("permitsPerSecond");
        assertThatThrownBy(() -> TokenBucket.Config.perSecond(1, 0.5)).hasMessageContaining("burst");
        assertThatThrownBy(() -> new BotLimits(30, -1, 20, 3, 1)).hasMessageContaining("per_chat_per_second");
    }

    @Test
    void botDefinitionOverridesOnlyWhatItSets() {
        BotLimits limits = BotLimits.telegramDefaults(3, 1)
                .overriddenBy(new io.ackflow.schema.event.BotDefined.Limits(10.0, null, null));
        assertThat(limits.globalPerSecond()).isEqualTo(10);
        assertThat(limits.perChatPerSecond()).isEqualTo(1);
        assertThat(limits.perGroupPerMinute()).isEqualTo(20);
    }
}
