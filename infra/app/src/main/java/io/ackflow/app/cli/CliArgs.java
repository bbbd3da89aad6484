package io.ackflow.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --name value}, {@code --name=value} and {@code --flag} options plus positional words. Each command states
 * which options it knows; anything else is an error, never silently ignored.
 */
public final class CliArgs {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private CliArgs() {}

    /**
     * @param flags options that take no value
     */
    public static CliArgs parse(String[] args, Set<String> flags) {
        CliArgs parsed = new CliArgs();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                String body = a.substring(2);
                int eq = body.indexOf('=');
                if (eq >= 0) {
                    parsed.options.put(body.substring(0, eq), body.substring(eq + 1));
                } else if (flags.contains(body)) {
                    parsed.options.put(body, "true");
                } else if (i + 1 < args.length) {
                    parsed.options.put(body, args[++i]);
                } else {
                    throw new UsageException("--" + body + " needs a value");
                }
            } else {
                parsed.positional.add(a);
            }
        }
        return parsed;
    }

    /** Fails on any option not in {@code known}. */
    public CliArgs allow(Set<String> known) {
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new UsageException("unknown option(s): --" + String.join(", --", unknown) + "; known: --"
                    + String.join(", --", new TreeSet<>(known)));
        }
        return this;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(options.get(name)).filter(v -> !v.isBlank());
    }

    public String require(String name) {
        return get(name).orElseThrow(() -> new UsageException("--" + name + " is required"));
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(options.getOrDefault(name, "false"));
    }

    public int intValue(String name, int defaultValue) {
        return get(name).map(v -> parseInt(name, v)).orElse(defaultValue);
    }

    public Optional<Long> longValue(String name) {
        return get(name).map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " must be a whole number, got '" + v + "'");
            }
        });
    }

    public List<String> positional() {
        return List.copyOf(positional);
    }

    private static int parseInt(String name, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, got '" + v + "'");
        }
    }

    /** Wrong command-line usage: printed without a stack trace, exit status 2. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
