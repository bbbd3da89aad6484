package io.ackflow.app.process;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds our own fat jar, so a process can start more of itself. */
public final class AckflowJar {
    /** Overrides the search: {@code -Dackflow.jar=/path/ackflow.jar}. */
    public static final String PROPERTY = "ackflow.jar";
    private static final Path BUILT = Path.of("infra", "app", "target", "ackflow.jar");

    private AckflowJar() {}

    /**
     * The jar this JVM runs from ({@code java -jar}), else {@code -Dackflow.jar}, else {@code infra/app/target/ackflow.jar}
     * or {@code target/ackflow.jar} under the working directory or one of its parents.
     */
    public static Path locate() {
        String explicit = System.getProperty(PROPERTY);
        if (explicit != null) {
            return Path.of(explicit).toAbsolutePath();
        }
        String classpath = System.getProperty("java.class.path", "");
        if (classpath.endsWith("ackflow.jar") && !classpath.contains(java.io.File.pathSeparator)) {
            return Path.of(classpath).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : new Path[] {dir.resolve(BUILT), dir.resolve("target").resolve("ackflow.jar")}) {
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("cannot find ackflow.jar; build it with ./mvnw -DskipTests package or set -D"
                + PROPERTY);
    }
}
