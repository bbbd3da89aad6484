package io.ackflow.ingress.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardWebhooksTest {
    // the Standard Webhooks specification's test vector
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final String TS = "1614265330";
    static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    final Clock clock = Clock.fixed(Instant.ofEpochSecond(Long.parseLong(TS)), ZoneOffset.UTC);
    final StandardWebhooks verifier = new StandardWebhooks(clock, Duration.ofMinutes(5));
    final List<byte[]> keys = List.of(StandardWebhooks.key(SECRET));

    @Test
    void matchesTheSpecificationsTestVector() {
        assertThat(StandardWebhooks.signature(SECRET, ID, TS, BODY)).isEqualTo(EXPECTED);
        assertThat(verifier.verify(keys, ID, TS, EXPECTED, BODY)).isEqualTo(StandardWebhooks.Verdict.VALID);
    }

    @Test
    void refusesTamperedBodiesIdsAndSignatures() {
        assertThat(verifier.verify(keys, ID, TS, EXPECTED, "{\"test\": 1}".getBytes()))
                .isEqualTo(StandardWebhooks.Verdict.NO_MATCH);
        assertThat(verifier.verify(keys, ID + "x", TS, EXPECTED, BODY)).isEqualTo(StandardWebhooks.Verdict.NO_MATCH);
        assertThat(verifier.verify(keys, ID, TS, "v1,not-base64!", BODY)).isEqualTo(StandardWebhooks.Verdict.NO_MATCH);
        assertThat(verifier.verify(keys, ID, TS, "v2," + EXPECTED.substring(3), BODY))
                .as("only v1 entries count").isEqualTo(StandardWebhooks.Verdict.NO_MATCH);
    }

    @Test
    void timestampOutsideToleranceIsExpiredEitherWay() {
        String old = Long.toString(Long.parseLong(TS) - 301);
        String future = Long.toString(Long.parseLong(TS) + 301);
        assertThat(verifier.verify(keys, ID, old, StandardWebhooks.signature(SECRET, ID, old, BODY), BODY))
                .isEqualTo(StandardWebhooks.Verdict.EXPIRED);
        assertThat(verifier.verify(keys, ID, future, StandardWebhooks.signature(SECRET, ID, future, BODY), BODY))
                .isEqualTo(StandardWebhooks.Verdict.EXPIRED);
        String edge = Long.toString(Long.parseLong(TS) - 300);
        assertThat(verifier.verify(keys, ID, edge, StandardWebhooks.signature(SECRET, ID, edge, BODY), BODY))
                .isEqualTo(StandardWebhooks.Verdict.VALID);
        assertThat(verifier.verify(keys, ID, "12ab", EXPECTED, BODY)).isEqualTo(StandardWebhooks.Verdict.BAD_TIMESTAMP);
    }

    @Test
    void anyOfSeveralSecretsAndSignaturesMayMatch() {
        String other = "whsec_" + java.util.Base64.getEncoder().encodeToString("another-secret-0123456789".getBytes());
        List<byte[]> rotated = List.of(StandardWebhooks.key(other), StandardWebhooks.key(SECRET));
        assertThat(verifier.verify(rotated, ID, TS, EXPECTED, BODY)).isEqualTo(StandardWebhooks.Verdict.VALID);
        String header = StandardWebhooks.signature(other, ID, TS, "x".getBytes()) + " " + EXPECTED;
        assertThat(verifier.verify(keys, ID, TS, header, BODY)).isEqualTo(StandardWebhooks.Verdict.VALID);
    }
}
