package io.ackflow.app.sweep;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What the sweep runs against: the processes (not in dev mode) and the credentials they were started with.
 *
 * @param processes every process; ingress inputs go to those with role {@code ingress}, read-API inputs to those with
 *     role {@code persister}, and the {@code /ops}, {@code /dev} and actuator inputs to all of them
 * @param bootstrapServers the Kafka cluster, to prove that no refused request was published
 * @param adminToken {@code ACKFLOW_ADMIN_TOKEN}
 * @param apiKeys {@code ACKFLOW_API_KEYS}; the first is used as the client
 * @param databasePassword the PostgreSQL password the processes were given, searched for like any secret; blank for
 *     none
 * @param logFiles every log file the processes write to
 * @param telegramApiBaseUrl the Bot API the sweep's bot is defined with ({@code api_base_url}); null for the
 *     processes' own setting. A test sharing its broker with other applications sets it, so whichever Telegram
 *     sender takes the bot message calls a fake, never the real Bot API.
 */
public record SweepTarget(List<Process> processes, String bootstrapServers, String adminToken, List<String> apiKeys,
        String databasePassword, List<Path> logFiles, String telegramApiBaseUrl) {

    public static final String INGRESS = "ingress";
    public static final String PERSISTER = "persister";

    public SweepTarget {
        processes = List.copyOf(processes);
        apiKeys = List.copyOf(apiKeys);
        logFiles = List.copyOf(logFiles);
        if (processes.stream().noneMatch(p -> p.roles().contains(INGRESS))) {
            throw new IllegalArgumentException("the sweep needs at least one ingress process, got " + processes);
        }
        if (adminToken == null || adminToken.isBlank() || apiKeys.isEmpty()) {
            throw new IllegalArgumentException("the sweep needs the admin token and at least one API key");
        }
    }

    /**
     * One process of the deployment.
     *
     * @param name for the report ({@code ingress-1})
     * @param roles what it runs ({@code ingress}, {@code workers}, {@code persister}); one process may run several
     * @param baseUrl {@code http://127.0.0.1:8080}
     */
    public record Process(String name, Set<String> roles, URI baseUrl) {
        public Process {
            roles = Set.copyOf(roles);
        }
    }

    public List<Process> withRole(String role) {
        return processes.stream().filter(p -> p.roles().contains(role)).toList();
    }

    public String clientKey() {
        return apiKeys.get(0);
    }
}
