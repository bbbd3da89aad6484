package io.ackflow.app;

import io.ackflow.schema.role.Role;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Adapts the environment to the roles this process runs.
 *
 * <ul>
 *   <li>An ingress-only process gets no DataSource, Flyway or JDBC health at all: ingress never touches PostgreSQL.
 *   <li>{@code DATABASE_URL} may be given as {@code postgres://user:pass@host:port/db} (the common PaaS form) as well
 *       as a JDBC URL.
 * </ul>
 */
public class RoleEnvironment implements EnvironmentPostProcessor {

    private static final String NO_DATABASE = String.join(",",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> props = new HashMap<>();
        Set<Role> roles = roles(env.getProperty(Role.PROPERTY));
        if (!roles.contains(Role.WORKERS) && !roles.contains(Role.PERSISTER)) {
            String existing = env.getProperty("spring.autoconfigure.exclude", "");
            props.put("spring.autoconfigure.exclude", existing.isBlank() ? NO_DATABASE : existing + "," + NO_DATABASE);
        }
        String databaseUrl = env.getProperty("DATABASE_URL");
        if (databaseUrl != null && (databaseUrl.startsWith("postgres://") || databaseUrl.startsWith("postgresql://"))) {
            URI uri = URI.create(databaseUrl);
            int port = uri.getPort() < 0 ? 5432 : uri.getPort();
            props.put("spring.datasource.url", "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getPath()
                    + (uri.getQuery() == null ? "" : "?" + uri.getQuery()));
            if (uri.getUserInfo() != null) {
                String[] userInfo = uri.getUserInfo().split(":", 2);
                props.put("spring.datasource.username", userInfo[0]);
                if (userInfo.length > 1) {
                    props.put("spring.datasource.password", userInfo[1]);
                }
            }
        }
        if (!props.isEmpty()) {
            env.getPropertySources().addFirst(new MapPropertySource("ackflow-roles", props));
        }
    }

    static Set<Role> roles(String value) {
        if (value == null || value.isBlank()) {
            return Set.of(Role.values());
        }
        return java.util.Arrays.stream(value.split(","))
                .map(s -> Role.valueOf(s.trim().toUpperCase(Locale.ROOT)))
                .collect(Collectors.toSet());
    }
}
