package io.ackflow.bench.ingress;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in for {@code ackflow.jar ingress} (JDK only), to check the benchmark's ackflow path end to end before the
 * real ingress exists: admin PUTs, bearer keys, Standard Webhooks signatures, readiness. Build and use it with
 * <pre>
 * jar --create --file /tmp/fake-ackflow.jar --main-class io.ackflow.bench.ingress.FakeAckflowMain \
 *     -C infra/bench/target/test-classes io/ackflow/bench/ingress/FakeAckflowMain.class
 * java -jar infra/bench/target/ackflow-bench.jar ingress --short --targets ackflow-bids,ackflow-webhooks \
 *     --ackflow-jar /tmp/fake-ackflow.jar
 * </pre>
 */
public final class FakeAckflowMain {
    private static final Pattern SECRET = Pattern.compile("\"secrets\"\\s*:\\s*\\[\\s*\"whsec_([^\"]+)\"");

    private FakeAckflowMain() {}

    public static void main(String[] args) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = Integer.parseInt(System.getenv("SERVER_PORT"));
        String admin = "Bearer " + System.getenv("ACKFLOW_ADMIN_TOKEN");
        String client = "Bearer " + System.getenv("ACKFLOW_API_KEYS");
        Set<String> auctions = ConcurrentHashMap.newKeySet();
        ConcurrentHashMap<String, byte[]> secrets = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/health/ready", ex -> answer(ex, 200, "{\"status\":\"UP\"}"));
        server.createContext("/v1/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String[] path = ex.getRequestURI().getPath().split("/");
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String method = ex.getRequestMethod();
            if (method.equals("PUT")) {
                if (!admin.equals(auth)) {
                    answer(ex, 401, "{}");
                    return;
                }
                if (path[2].equals("auctions")) {
                    auctions.add(path[3]);
                } else if (path[2].equals("sources")) {
                    Matcher m = SECRET.matcher(body);
                    if (!m.find()) {
                        answer(ex, 422, "{\"errors\":[{\"field\":\"secrets\"}]}");
                        return;
                    }
                    secrets.put(path[3], Base64.getDecoder().decode(m.group(1)));
                }
                answer(ex, 200, "{}");
            } else if (path[2].equals("auctions") && path.length == 5 && path[4].equals("bids")) {
                if (!client.equals(auth)) {
                    answer(ex, 401, "{}");
                } else {
                    answer(ex, auctions.contains(path[3]) ? 202 : 404, queued());
                }
            } else if (path[2].equals("webhooks")) {
                byte[] key = secrets.get(path[3]);
                String id = ex.getRequestHeaders().getFirst("webhook-id");
                String ts = ex.getRequestHeaders().getFirst("webhook-timestamp");
                String sig = ex.getRequestHeaders().getFirst("webhook-signature");
                boolean valid = key != null && sig != null && sig.equals(sign(key, id + "." + ts + "." + body));
                answer(ex, valid ? 202 : 401, queued());
            } else {
                answer(ex, 404, "{}");
            }
        });
        server.start();
    }

    private static String queued() {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"status\":\"queued\"}";
    }

    private static String sign(byte[] key, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
