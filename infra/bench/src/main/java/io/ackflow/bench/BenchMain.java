package io.ackflow.bench;

import io.ackflow.bench.ingress.GeneratorCheck;
import io.ackflow.bench.ingress.IngressBenchmark;
import io.ackflow.bench.naive.NaiveIngressApp;
import io.ackflow.bench.target.BrokerMain;
import io.ackflow.bench.target.RawProducerMain;
import io.ackflow.bench.target.StubServerMain;
import java.util.Arrays;

/**
 * Entry point of {@code ackflow-bench.jar}. {@code ingress} runs the benchmark; the other commands are the child JVMs
 * it starts (the broker, the baselines), run from the same jar.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "ingress" -> System.exit(IngressBenchmark.main(rest));
            case "broker" -> BrokerMain.main(rest);
            case "naive" -> NaiveIngressApp.main(rest);
            case "raw-producer" -> RawProducerMain.main(rest);
            case "producer-perf" -> org.apache.kafka.tools.ProducerPerformance.main(rest);
            case "stub" -> StubServerMain.main(rest);
            case "loadgen-check" -> System.exit(GeneratorCheck.main(rest));
            case "persister" -> io.ackflow.bench.persister.PersisterBenchmark.main(rest);
            default -> {
                System.out.println(IngressBenchmark.USAGE);
                System.exit(command.equals("help") || command.equals("--help") ? 0 : 2);
            }
        }
    }
}
