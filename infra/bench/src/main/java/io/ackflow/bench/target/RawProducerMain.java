package io.ackflow.bench.target;

import io.ackflow.bench.load.ConstantRate;
import io.ackflow.bench.load.Measurement;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code raw-producer <bootstrap> <topic> <rate> <warmup> <measured> <linger-ms> <record-bytes>}: a bare
 * {@link KafkaProducer} (acks=all, idempotent) sending at fixed intended times, latency from the intended time to the
 * acknowledgement callback, in microseconds. The same open model as the HTTP generator, so its figures compare
 * directly with the HTTP targets' (ProducerPerformance reports whole milliseconds and times from the send call).
 * Prints one {@link Measurement} line.
 */
public final class RawProducerMain {
    private static final long HIGHEST = TimeUnit.MINUTES.toNanos(5);

    private RawProducerMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            throw new IllegalArgumentException("usage: raw-producer <bootstrap> <topic> <rate> <warmup> <measured> "
                    + "<linger-ms> <record-bytes>, got " + Arrays.toString(args));
        }
        String bootstrap = args[0];
        String topic = args[1];
        double rate = Double.parseDouble(args[2]);
        Duration warmup = Duration.parse(args[3]);
        Duration measured = Duration.parse(args[4]);
        int lingerMs = Integer.parseInt(args[5]);
        byte[] value = new byte[Integer.parseInt(args[6])];
        Arrays.fill(value, (byte) 'x');
        byte[] key = "bench-auction-0".getBytes(StandardCharsets.UTF_8);

        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, lingerMs,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        String target = "raw producer, linger " + lingerMs;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS); // metadata + connection
            Histogram latency = new ConcurrentHistogram(HIGHEST, 3); // a failed send calls back on this thread
            Histogram lag = new Histogram(HIGHEST, 3);
            Map<String, LongAdder> errors = new ConcurrentHashMap<>();
            AtomicLong done = new AtomicLong();
            AtomicLong lastAck = new AtomicLong();
            ConstantRate schedule = new ConstantRate(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20), rate,
                    warmup, measured);
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuAtMeasuredStart = -1;
            for (long seq = 0; seq < schedule.totalCount(); seq++) {
                long intended = schedule.intendedNanos(seq);
                long now = schedule.awaitIntended(seq);
                boolean isMeasured = schedule.isMeasured(seq);
                if (isMeasured) {
                    if (cpuAtMeasuredStart < 0) {
                        cpuAtMeasuredStart = os.getProcessCpuTime();
                    }
                    lag.recordValue(Math.min(now - intended, HIGHEST));
                }
                producer.send(new ProducerRecord<>(topic, key, value), (metadata, exception) -> {
                    long acked = System.nanoTime();
                    if (isMeasured) {
                        latency.recordValue(Math.min(acked - intended, HIGHEST));
                        if (exception == null) {
                            lastAck.set(acked);
                        } else {
                            errors.computeIfAbsent(exception.getClass().getSimpleName(), k -> new LongAdder())
                                    .increment();
                        }
                    }
                    done.incrementAndGet();
                });
            }
            producer.flush();
            long cpu = os.getProcessCpuTime() - cpuAtMeasuredStart;
            while (done.get() < schedule.totalCount()) {
                TimeUnit.MILLISECONDS.sleep(1);
            }
            SortedMap<String, Long> errorCounts = new TreeMap<>();
            errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
            long errorCount = errorCounts.values().stream().mapToLong(Long::longValue).sum();
            double window = (lastAck.get() - schedule.measuredStartNanos()) / 1e9;
            double achieved = window > 0 ? (schedule.measuredCount() - errorCount) / window : 0;
            Measurement m = new Measurement(target, rate,
                    latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                    latency.getValueAtPercentile(99.9) / 1e6, latency.getMaxValue() / 1e6,
                    errorCount, errorCounts.toString(), achieved,
                    lag.getValueAtPercentile(99) / 1e6, lag.getMaxValue() / 1e6,
                    String.format(java.util.Locale.ROOT, "producer CPU %.3f ms/record",
                            cpu / 1e6 / schedule.measuredCount()));
            System.out.println(m.toLine());
            System.out.flush();
        }
    }
}
