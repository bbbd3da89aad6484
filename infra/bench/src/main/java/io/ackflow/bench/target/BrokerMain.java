package io.ackflow.bench.target;

import io.ackflow.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code broker <data-dir> <port>}: the one KRaft broker every target of a run shares, in its own JVM. Prints
 * {@code BENCH-READY <bootstrap>} once it serves, and stops on SIGTERM.
 */
public final class BrokerMain {
    public static final String READY_PREFIX = "BENCH-READY ";

    private BrokerMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: broker <data-dir> <port>");
        }
        EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[0]), Integer.parseInt(args[1]), Map.of());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "broker-shutdown"));
        System.out.println(READY_PREFIX + kafka.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
