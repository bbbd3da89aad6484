package io.ackflow.app.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code promtool check rules} and {@code promtool test rules} on {@code infra/prometheus}. Skipped, with a message,
 * where promtool is not installed ({@code apt-get install -y prometheus}; {@code .ci/run} tries that).
 */
class PrometheusRulesIT {
    private static final Path RULES = Path.of("..", "prometheus").toAbsolutePath().normalize();
    private static Path promtool;

    @BeforeAll
    static void findPromtool() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                promtool = candidate;
                break;
            }
        }
    }

    private static String run(String... args) throws Exception {
        assumeTrue(promtool != null, "promtool is not on the PATH; install Debian's 'prometheus' package to check"
                + " the alert rules (skipping)");
        List<String> cmd = new java.util.ArrayList<>(List.of(promtool.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(RULES.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void alertRulesAreValid() throws Exception {
        assertThat(run("check", "rules", "alerts.yml")).contains("SUCCESS");
    }

    @Test
    void alertRulesPassTheirUnitTests() throws Exception {
        assertThat(run("test", "rules", "alerts.test.yml")).contains("SUCCESS");
    }
}
