package io.ackflow.app.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to start in a child JVM: our fat jar, either its normal entry point ({@code AckflowMain}) or another main class
 * (for example a test main from {@code target/test-classes}) through Spring Boot's {@code PropertiesLauncher}, which
 * adds {@code loader.path} entries to the jar's own classpath.
 *
 * <pre>{@code
 * ChildProcess p = ChildJvm.of(AckflowJar.locate()).args("workers").env("KAFKA_BOOTSTRAP_SERVERS", bs)
 *         .log(dir.resolve("workers-1.log")).start();
 * p.kill9();
 * }</pre>
 */
public final class ChildJvm {
    private static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private final Path jar;
    private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC"));
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<Path> extraClasspath = new ArrayList<>();
    private String mainClass;
    private String name = "child";
    private Path log;

    private ChildJvm(Path jar) {
        this.jar = Objects.requireNonNull(jar, "jar");
    }

    public static ChildJvm of(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no jar at " + jar + "; build it with ./mvnw -DskipTests package");
        }
        return new ChildJvm(jar);
    }

    /** Replaces the default heap options ({@code -Xmx256m -XX:+UseSerialGC}). */
    public ChildJvm jvmOptions(String... options) {
        jvmOptions.clear();
        jvmOptions.addAll(List.of(options));
        return this;
    }

    public ChildJvm args(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    public ChildJvm args(List<String> more) {
        args.addAll(more);
        return this;
    }

    public ChildJvm env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** Runs {@code className} instead of the jar's main class; {@code classpath} entries come first. */
    public ChildJvm mainClass(String className, Path... classpath) {
        this.mainClass = className;
        this.extraClasspath.addAll(List.of(classpath));
        return this;
    }

    /** A short name for logs and thread names. */
    public ChildJvm name(String value) {
        this.name = value;
        return this;
    }

    /** Sends stdout and stderr to this file (appended); without it they go to this JVM's own output. */
    public ChildJvm log(Path file) {
        this.log = file;
        return this;
    }

    public List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(jvmOptions);
        if (mainClass == null) {
            cmd.add("-jar");
            cmd.add(jar.toString());
        } else {
            StringBuilder loaderPath = new StringBuilder();
            for (Path p : extraClasspath) {
                loaderPath.append(loaderPath.length() == 0 ? "" : ",").append(p.toAbsolutePath());
            }
            if (!loaderPath.isEmpty()) {
                cmd.add("-Dloader.path=" + loaderPath);
            }
            cmd.add("-Dloader.main=" + mainClass);
            cmd.add("-cp");
            cmd.add(jar.toString());
            cmd.add(PROPERTIES_LAUNCHER);
        }
        cmd.addAll(args);
        return cmd;
    }

    public ChildProcess start() {
        ProcessBuilder pb = new ProcessBuilder(command());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        try {
            if (log != null) {
                Files.createDirectories(log.toAbsolutePath().getParent());
                pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            } else {
                pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
            }
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            return new ChildProcess(name, pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + String.join(" ", command()), e);
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .filter(c -> c.endsWith("java"))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
