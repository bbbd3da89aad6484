package io.ackflow.app.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretScanTest {
    static final String ADMIN = "admin-token-0123456789abcdef";
    static final String BOT = "AAH4k9-bot-secret-part-zz";

    SecretScan scan() {
        return new SecretScan(List.of(new SecretScan.Secret("admin token", ADMIN),
                new SecretScan.Secret("bot token of b1", BOT), new SecretScan.Secret("empty password", ""),
                new SecretScan.Secret("short", "abc")));
    }

    @Test
    void hitInALogFileNamesFileLineAndSecretButNeverShowsIt(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("ingress-1.log");
        Files.writeString(log, "starting\nGET /bot123:" + BOT + "/sendMessage failed, auth Bearer " + ADMIN + "\nok\n");

        SecretScan.Result r = scan().file(log).result();

        assertThat(r.hitCount()).isEqualTo(2);
        assertThat(r.hits()).extracting(SecretScan.Hit::where).containsOnly(log + ":2");
        assertThat(r.hits()).extracting(SecretScan.Hit::secret).containsExactlyInAnyOrder("admin token",
                "bot token of b1");
        assertThat(r.hits().get(0).excerpt()).contains("/bot123:[bot token of b1]/sendMessage")
                .contains("Bearer [admin token]");
        assertThat(r.toString()).doesNotContain(ADMIN).doesNotContain(BOT);
    }

    @Test
    void blankAndShortSecretsAreNotSearchedFor() {
        SecretScan.Result r = scan().text("answer", "abc and nothing else").result();

        assertThat(r.secrets()).isEqualTo(2);
        assertThat(r.hitCount()).isZero();
    }

    @Test
    void everyOccurrenceCountsAndAMissingFileIsEmpty(@TempDir Path dir) {
        SecretScan.Result r = scan().text("metrics on ingress-1", ADMIN + " " + ADMIN + "\n" + ADMIN)
                .file(dir.resolve("never-started.log")).result();

        assertThat(r.hitCount()).isEqualTo(3);
        assertThat(r.places()).isEqualTo(2);
        assertThat(r.hits()).extracting(SecretScan.Hit::where)
                .containsExactly("metrics on ingress-1, line 1", "metrics on ingress-1, line 1",
                        "metrics on ingress-1, line 2");
    }
}
