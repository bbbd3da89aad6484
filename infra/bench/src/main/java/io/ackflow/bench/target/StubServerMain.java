package io.ackflow.bench.target;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * {@code stub <port>}: a JDK HTTP server that answers every request 202 with a small JSON body, for checking the
 * load generator's own cost without a real target. Prints {@code BENCH-READY <port>}.
 */
public final class StubServerMain {
    private StubServerMain() {}

    public static void main(String[] args) throws Exception {
        // without it the JDK server's separate header and body writes meet delayed ACKs: ~40 ms per response
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 1024);
        server.setExecutor(Executors.newFixedThreadPool(4));
        byte[] body = "{\"id\":\"0190f1d2-0000-7000-8000-000000000000\",\"status\":\"queued\"}"
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(202, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println(BrokerMain.READY_PREFIX + server.getAddress().getPort());
        System.out.flush();
    }
}
