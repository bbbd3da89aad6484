package io.ackflow.bench.target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JVM the benchmark starts and stops: a target, the broker, or a baseline tool. Output goes to a log file in the
 * run folder; {@link #close()} stops it with SIGTERM, then SIGKILL after 20 s.
 */
public final class ChildJvm implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChildJvm.class);
    private static final String BENCH_MAIN = "io.ackflow.bench.BenchMain";

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildJvm(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code java <jvmOptions> <launch...>}.
     *
     * @param launch what follows the JVM options: {@code -jar x.jar args} or {@code -cp ... Main args}
     */
    public static ChildJvm start(String name, List<String> jvmOptions, List<String> launch, Map<String, String> env,
            Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(launch);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        pb.environment().putAll(env);
        try {
            Files.createDirectories(logFile.getParent());
            log.info("Starting {}: {} (log {})", name, String.join(" ", command), logFile);
            return new ChildJvm(name, pb.start(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** How to run a command of this benchmark jar in a child JVM: {@code -jar} from the fat jar, else the classpath. */
    public static List<String> benchCommand(String command, List<String> args) {
        List<String> launch = new ArrayList<>();
        String classpath = System.getProperty("java.class.path");
        if (isBootJar(classpath)) {
            launch.add("-jar");
            launch.add(classpath);
        } else {
            launch.add("-cp");
            launch.add(classpath);
            launch.add(BENCH_MAIN);
        }
        launch.add(command);
        launch.addAll(args);
        return launch;
    }

    private static boolean isBootJar(String classpath) {
        if (!classpath.endsWith(".jar") || classpath.contains(java.io.File.pathSeparator)) {
            return false;
        }
        try (JarFile jar = new JarFile(classpath)) {
            return jar.getManifest() != null && jar.getManifest().getMainAttributes().getValue("Start-Class") != null;
        } catch (IOException e) {
            return false;
        }
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** CPU time used so far by the process (user + system), if the OS reports it. */
    public Optional<Duration> cpu() {
        return process.toHandle().info().totalCpuDuration();
    }

    /** Waits for a line of the log that starts with {@code prefix}; returns the rest of that line. */
    public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> line = findLine(prefix);
            if (line.isPresent()) {
                return line.get().substring(prefix.length()).trim();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue()
                        + " before printing '" + prefix.trim() + "'; see " + logFile);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException(name + " printed no '" + prefix.trim() + "' within " + timeout + "; see "
                + logFile);
    }

    public List<String> lines() {
        try {
            return Files.readAllLines(logFile, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<String> findLine(String prefix) {
        try {
            return Files.readAllLines(logFile, StandardCharsets.ISO_8859_1).stream()
                    .filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Waits for the process to end by itself; returns its exit status. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " did not finish within " + timeout + "; see " + logFile);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                log.warn("{} ignored SIGTERM for 20 s; killing it", name);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
