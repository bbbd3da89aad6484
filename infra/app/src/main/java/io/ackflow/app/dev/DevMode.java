package io.ackflow.app.dev;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Settings for {@code ./ackflow dev}: the embedded stack in {@code ACKFLOW_DATA_DIR} (default {@code .ackflow/data}
 * under the working directory), and dev credentials generated once per data folder unless
 * {@code ACKFLOW_ADMIN_TOKEN}/{@code ACKFLOW_API_KEYS} are set.
 */
public final class DevMode {
    public static final String DATA_DIR_ENV = "ACKFLOW_DATA_DIR";
    private static final String CREDENTIALS_FILE = "dev-credentials.properties";

    private final Map<String, Object> properties;
    private final String[] springArgs;

    private DevMode(Map<String, Object> properties, String[] springArgs) {
        this.properties = properties;
        this.springArgs = springArgs;
    }

    public static DevMode prepare(String[] args) {
        boolean fresh = false;
        List<String> springArgs = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--fresh")) {
                fresh = true;
            } else {
                springArgs.add(a);
            }
        }
        Path dataDir = Path.of(System.getenv().getOrDefault(DATA_DIR_ENV, ".ackflow/data")).toAbsolutePath();
        Map<String, Object> props = new HashMap<>();
        props.put("ackflow.dev.enabled", "true");
        props.put("ackflow.embedded.enabled", "true");
        props.put("ackflow.embedded.data-dir", dataDir.toString());
        props.put("ackflow.embedded.fresh", String.valueOf(fresh));
        props.put("ackflow.embedded.stop-on-jvm-exit", "false");
        if (fresh) {
            deleteCredentials(dataDir);
        }
        Properties creds = loadOrCreateCredentials(dataDir.getParent() == null ? dataDir : dataDir);
        props.put("ackflow.dev.admin-token", creds.getProperty("admin-token"));
        props.put("ackflow.dev.api-key", creds.getProperty("api-key"));
        props.putAll(DevTelegram.prepare());
        return new DevMode(props, springArgs.toArray(String[]::new));
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public String[] springArgs() {
        return springArgs;
    }

    private static void deleteCredentials(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolveSibling(dataDir.getFileName() + "-" + CREDENTIALS_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Dev credentials live beside the data folder so {@code --fresh} (which wipes the folder) can regenerate them. */
    private static Properties loadOrCreateCredentials(Path dataDir) {
        Path file = dataDir.resolveSibling(dataDir.getFileName() + "-" + CREDENTIALS_FILE);
        Properties p = new Properties();
        try {
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    p.load(in);
                }
            }
            if (p.getProperty("admin-token") == null || p.getProperty("api-key") == null) {
                p.setProperty("admin-token", "dev-admin-" + randomHex(12));
                p.setProperty("api-key", "dev-key-" + randomHex(12));
                Files.createDirectories(file.getParent());
                try (OutputStream out = Files.newOutputStream(file)) {
                    p.store(out, "ackflow dev-mode credentials; delete to regenerate");
                }
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write dev credentials at " + file, e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
