package io.ackflow.app.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our fat jar unpacked into Spring Boot's extracted layout ({@code java -Djarmode=tools -jar ackflow.jar extract}): a
 * thin {@code ackflow.jar} whose manifest lists the libraries in {@code lib/}. A JVM starts from it about a third
 * faster than from the fat jar, whose nested jars are read through the launcher's own class loader; that counts when a
 * run starts and restarts many JVMs on a small machine. Extracted once per build of the fat jar, next to it.
 */
public final class ExtractedJar {
    private static final Logger log = LoggerFactory.getLogger(ExtractedJar.class);
    private static final String STAMP = "extracted-from";
    private static final long TIMEOUT_SECONDS = 180;

    private ExtractedJar() {}

    /**
     * The extracted form of {@code fatJar} ({@code <name>-extracted/<name>.jar} beside it), extracting it first when it
     * is missing or older than the fat jar. If extracting fails, says why at WARN and returns the fat jar, which runs
     * the same code, only slower to start.
     */
    public static synchronized Path of(Path fatJar) {
        String name = fatJar.getFileName().toString();
        Path dir = fatJar.resolveSibling(name.replaceFirst("\\.jar$", "") + "-extracted");
        try {
            String stamp = Files.getLastModifiedTime(fatJar).toMillis() + " " + Files.size(fatJar);
            Path stampFile = dir.resolve(STAMP);
            if (Files.isRegularFile(stampFile) && Files.readString(stampFile, StandardCharsets.UTF_8).equals(stamp)) {
                return dir.resolve(name);
            }
            Path work = Files.createTempDirectory(fatJar.getParent(), "extracting-");
            extract(fatJar, work.resolve("out"));
            Files.writeString(work.resolve("out").resolve(STAMP), stamp, StandardCharsets.UTF_8);
            deleteTree(dir);
            Files.move(work.resolve("out"), dir, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(work);
            log.info("extracted {} into {}", fatJar, dir);
            return dir.resolve(name);
        } catch (IOException | RuntimeException e) {
            log.warn("could not extract {} ({}); child JVMs start from the fat jar", fatJar, e.toString());
            return fatJar;
        }
    }

    private static void extract(Path fatJar, Path destination) throws IOException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djarmode=tools", "-jar", fatJar.toString(), "extract", "--destination", destination.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("extracting took longer than " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while extracting", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("extract exited with " + p.exitValue());
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
