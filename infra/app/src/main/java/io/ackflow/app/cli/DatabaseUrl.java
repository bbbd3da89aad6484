package io.ackflow.app.cli;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The database for CLI commands: {@code --database-url} or {@code DATABASE_URL}, either JDBC
 * ({@code jdbc:postgresql://host:5432/db}, user from {@code DATABASE_USER}, password from {@code DATABASE_PASSWORD}) or
 * {@code postgres://user:pass@host:port/db}.
 */
record DatabaseUrl(String jdbcUrl, String user, String password) {

    static Optional<DatabaseUrl> from(CliArgs args, Map<String, String> env) {
        Optional<String> raw = args.get("database-url").or(() -> Optional.ofNullable(env.get("DATABASE_URL")));
        return raw.map(url -> parse(url, env));
    }

    static DatabaseUrl parse(String url, Map<String, String> env) {
        String user = env.getOrDefault("DATABASE_USER", "postgres");
        String password = env.getOrDefault("DATABASE_PASSWORD", "");
        if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            URI uri = URI.create(url);
            int port = uri.getPort() < 0 ? 5432 : uri.getPort();
            if (uri.getUserInfo() != null) {
                String[] info = uri.getUserInfo().split(":", 2);
                user = info[0];
                password = info.length > 1 ? info[1] : password;
            }
            return new DatabaseUrl("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getPath()
                    + (uri.getQuery() == null ? "" : "?" + uri.getQuery()), user, password);
        }
        return new DatabaseUrl(url, user, password);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user=" + user + ", password=****]";
    }
}
