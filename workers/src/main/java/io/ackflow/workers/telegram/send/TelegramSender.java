package io.ackflow.workers.telegram.send;

import io.ackflow.schema.ConsumerGroups;
import io.ackflow.schema.Headers;
import io.ackflow.schema.Json;
import io.ackflow.schema.RecordHeaders;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.TelegramSend;
import io.ackflow.workers.telegram.send.internal.BotApiClient;
import io.ackflow.workers.telegram.send.internal.BotDirectory;
import io.ackflow.workers.telegram.send.internal.DeadLetterPublisher;
import io.ackflow.workers.telegram.send.internal.PartitionOffsets;
import io.ackflow.workers.telegram.send.internal.PendingSend;
import io.ackflow.workers.telegram.send.internal.SendAttempt;
import io.ackflow.workers.telegram.send.internal.SendDispatcher;
import io.ackflow.workers.telegram.send.internal.SendFailure;
import io.ackflow.workers.telegram.send.internal.SendLedger;
import io.ackflow.workers.telegram.send.internal.SendMetrics;
import io.ackflow.workers.telegram.send.limit.FloodDetector;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The Telegram sender: one consumer of {@link Topics#TELEGRAM_OUTBOUND} in group {@link ConsumerGroups#TELEGRAM_SENDER}
 * that hands records to a per-chat {@link SendDispatcher} and commits each partition only up to its lowest offset not
 * yet finished.
 *
 * <p>Its share of each bot's global rate is the share of the topic's partitions it owns, recomputed on every
 * rebalance: N instances together never exceed a bot's limit, and under backlog spread over the partitions they use
 * all of it. See {@code docs/telegram.md}.
 */
public final class TelegramSender implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(TelegramSender.class);
    private static final Pattern METHOD = Pattern.compile("[A-Za-z]{1,64}");

    private final TelegramSendProperties properties;
    private final Map<String, Object> consumerProperties;
    private final BotDirectory bots;
    private final SendLedger ledger;
    private final DeadLetterPublisher deadLetters;
    private final SendMetrics metrics;
    private final BotApiClient api;
    private final ExecutorService workers;
    private final SendDispatcher dispatcher;
    private final PartitionOffsets offsets = new PartitionOffsets();
    private final LongSupplier nanoClock;
    private final String name;
    private final String groupId;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread pollThread;
    private volatile boolean running;
    private volatile double share;
    private volatile Set<TopicPartition> owned = Set.of();
    private boolean paused;
    private long lastCommit;

    /**
     * @param consumerProperties Kafka client settings ({@code spring.kafka.*}); group, deserializers and commit mode
     *     are set here
     * @param producerProperties Kafka client settings for the dead-letter producer
     * @param name distinguishes instances in thread and client names
     * @param groupId the consumer group: {@link ConsumerGroups#TELEGRAM_SENDER}, or another to re-read the whole topic
     */
    public TelegramSender(TelegramSendProperties properties, Map<String, Object> consumerProperties,
            Map<String, Object> producerProperties, DataSource dataSource, BotDirectory bots, MeterRegistry registry,
            LongSupplier nanoClock, Clock clock, String name, String groupId) {
        this.properties = properties;
        this.consumerProperties = consumerProperties;
        this.bots = bots;
        this.nanoClock = nanoClock;
        this.name = name;
        this.groupId = groupId;
        TelegramSendProperties.Sender tuning = properties.sender();
        this.ledger = new SendLedger(dataSource);
        this.deadLetters = new DeadLetterPublisher(producerProperties, groupId);
        this.metrics = new SendMetrics(registry);
        this.api = new BotApiClient(tuning.connectTimeout(), tuning.requestTimeout());
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(tuning.concurrency(), r -> {
            Thread t = new Thread(r, "ackflow-telegram-send-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        SendAttempt attempt = new SendAttempt(bots, api, ledger, deadLetters, metrics,
                new SendAttempt.Backoff(tuning.maxAttempts(), tuning.initialBackoff(), tuning.maxBackoff(),
                        tuning.stuckAfter()), clock);
        this.dispatcher = new SendDispatcher(attempt, workers,
                new SendDispatcher.Settings(tuning.concurrency(), bots::limits,
                        p -> properties.staleAfter(p.send().kind(), p.send().method()), tuning.floodChats(),
                        tuning.floodWindow()),
                new SendDispatcher.Listener() {
                    @Override
                    public void finished(PendingSend pending) {
                        offsets.finished(pending.partition(), pending.offset());
                    }

                    @Override
                    public void rateLimited(String botId, FloodDetector.Scope scope, long retryAfterNanos) {
                        metrics.rateLimited(botId, scope, retryAfterNanos);
                        if (scope == FloodDetector.Scope.BOT) {
                            log.warn("Bot {} is flooding: all its chats pause for {} s", botId,
                                    TimeUnit.NANOSECONDS.toSeconds(retryAfterNanos));
                        }
                    }
                },
                nanoClock, clock);
        metrics.instanceGauges(this, TelegramSender::share);
        bots.onChange(dispatcher::refreshLimits);
    }

    /** This instance's share of every bot's global rate: partitions owned / partitions of the outbound topic. */
    public double share() {
        return share;
    }

    /** The partitions of the outbound topic this instance owns. */
    public Set<TopicPartition> ownedPartitions() {
        return owned;
    }

    /** Messages held by this instance (queued or in flight). */
    public int backlog() {
        return dispatcher.backlog();
    }

    /** The ledger, for tests and operator tools. */
    public SendLedger ledger() {
        return ledger;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        Map<String, Object> props = new HashMap<>(consumerProperties);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ackflow-telegram-sender-" + name);
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        // static membership ids are per process; two senders in one JVM (tests, benchmarks) must not share one
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        dispatcher.start("ackflow-telegram-dispatch-" + name);
        pollThread = new Thread(this::pollLoop, "ackflow-telegram-poll-" + name);
        pollThread.start();
        log.info("Telegram sender {} started (concurrency {}, max backlog {})", name,
                properties.sender().concurrency(), properties.sender().maxBacklog());
    }

    @Override
    public void stop() {
        Thread t;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            t = pollThread;
        }
        consumer.wakeup();
        try {
            t.join(properties.sender().requestTimeout().plusSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdown();
        deadLetters.close();
        log.info("Telegram sender {} stopped", name);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server and the database pool, like spring-kafka's containers. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }

    private void pollLoop() {
        try {
            consumer.subscribe(List.of(Topics.TELEGRAM_OUTBOUND), new Rebalance());
            while (running) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = consumer.poll(Duration.ofMillis(100));
                } catch (WakeupException e) {
                    continue;
                }
                if (!records.isEmpty()) {
                    accept(records);
                }
                applyBackpressure();
                commitIfDue(false);
            }
        } catch (RuntimeException e) {
            log.error("Telegram sender {} poll loop failed", name, e);
        } finally {
            shutdown();
        }
    }

    /** Stops dispatching, lets calls in flight finish, commits what is done, and leaves the group. */
    private void shutdown() {
        dispatcher.close();
        dispatcher.awaitIdle(properties.sender().requestTimeout().plusSeconds(2));
        try {
            commitIfDue(true);
        } catch (RuntimeException e) {
            log.warn("Final offset commit of Telegram sender {} failed: {}", name, e.getMessage());
        }
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    }

    private void accept(ConsumerRecords<String, byte[]> records) {
        List<PendingSend> valid = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> r : records) {
            offsets.started(new TopicPartition(r.topic(), r.partition()), r.offset());
            PendingSend p = parse(r);
            if (p != null) {
                valid.add(p);
            }
        }
        Set<String> finished = alreadyFinished(valid);
        for (PendingSend p : valid) {
            if (finished.contains(p.send().messageId())) {
                metrics.outcome(p.send().botId(), p.send().method(), "duplicate");
                offsets.finished(p.partition(), p.offset());
                continue;
            }
            String botId = p.send().botId();
            metrics.botGauges(botId, () -> dispatcher.backlog(botId), () -> dispatcher.instanceRate(botId));
            dispatcher.enqueue(p);
        }
    }

    /** A batch look-up, so that a replay of already sent messages is skipped without waiting for rate permits. */
    private Set<String> alreadyFinished(List<PendingSend> batch) {
        Set<String> ids = new HashSet<>();
        batch.forEach(p -> ids.add(p.send().messageId()));
        try {
            return ledger.finished(ids);
        } catch (RuntimeException e) {
            // the per-message claim decides instead
            log.warn("Send ledger pre-check failed: {}", e.getMessage());
            return Set.of();
        }
    }

    private PendingSend parse(ConsumerRecord<String, byte[]> r) {
        TelegramSend send;
        String problem;
        try {
            send = r.value() == null ? null : Json.read(r.value(), TelegramSend.class);
            problem = send == null ? "no value" : problem(send);
        } catch (RuntimeException e) {
            send = null;
            problem = "unreadable TelegramSend: " + e.getMessage();
        }
        if (problem == null) {
            return new PendingSend(r, send, redriveCount(r));
        }
        try {
            deadLetters.publish(r, new SendFailure.Invalid(problem + " at " + r.topic() + "-" + r.partition() + "@" + r.offset()));
            metrics.outcome(send == null ? null : send.botId(), send == null ? null : send.method(), "invalid");
            metrics.deadLettered("invalid");
            offsets.finished(new TopicPartition(r.topic(), r.partition()), r.offset());
        } catch (RuntimeException e) {
            // left in flight: the partition is not committed past it, and a restart redelivers it
            log.error("Could not dead-letter invalid record {}-{}@{}", r.topic(), r.partition(), r.offset(), e);
        }
        return null;
    }

    private static String problem(TelegramSend s) {
        if (s.messageId() == null || s.messageId().isBlank()) {
            return "message_id is missing";
        }
        if (s.botId() == null || s.botId().isBlank()) {
            return "bot_id is missing";
        }
        if (s.chatId() == null) {
            return "chat_id is missing";
        }
        if (s.method() == null || !METHOD.matcher(s.method()).matches()) {
            return "method must be a Bot API method name, got " + s.method();
        }
        if (s.params() != null && !s.params().isObject()) {
            return "params must be a JSON object";
        }
        return null;
    }

    private static int redriveCount(ConsumerRecord<String, byte[]> r) {
        String v = RecordHeaders.get(r.headers(), Headers.REDRIVE_COUNT);
        try {
            return v == null ? 0 : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Pauses every owned partition while the backlog is full; resumes at half. Memory stays bounded. */
    private void applyBackpressure() {
        int backlog = dispatcher.backlog();
        int max = properties.sender().maxBacklog();
        if (!paused && backlog >= max) {
            consumer.pause(consumer.assignment());
            paused = true;
            log.debug("Telegram sender {} paused at backlog {}", name, backlog);
        } else if (paused && backlog <= max / 2) {
            consumer.resume(consumer.paused());
            paused = false;
        }
    }

    private void commitIfDue(boolean sync) {
        long now = nanoClock.getAsLong();
        if (!sync && now - lastCommit < properties.sender().commitInterval().toNanos()) {
            return;
        }
        lastCommit = now;
        Map<TopicPartition, OffsetAndMetadata> due = offsets.committable(owned);
        if (due.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(due);
            offsets.committed(due);
        } else {
            consumer.commitAsync(due, (committed, e) -> {
                if (e == null) {
                    offsets.committed(committed);
                }
            });
        }
    }

    private void updateShare(Set<TopicPartition> nowOwned) {
        owned = Set.copyOf(nowOwned);
        int total = consumer.partitionsFor(Topics.TELEGRAM_OUTBOUND).size();
        share = total == 0 ? 0 : (double) nowOwned.size() / total;
        dispatcher.setShare(share);
        log.info("Telegram sender {} owns {} of {} partitions: rate share {}", name, nowOwned.size(), total,
                String.format("%.3f", share));
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Set<TopicPartition> remaining = new HashSet<>(owned);
            remaining.removeAll(partitions);
            // lower the share first: the new owner may start on them before we are done here
            updateShare(remaining);
            if (!dispatcher.revoke(partitions, properties.sender().requestTimeout().plusSeconds(5))) {
                log.warn("Calls for revoked partitions {} still in flight; the ledger guards against a second send",
                        partitions);
            }
            Map<TopicPartition, OffsetAndMetadata> due = offsets.committable(partitions);
            try {
                if (!due.isEmpty()) {
                    consumer.commitSync(due);
                }
            } catch (RuntimeException e) {
                log.warn("Commit on revocation failed (the next owner re-reads; the ledger skips what was sent): {}",
                        e.getMessage());
            }
            offsets.forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Set<TopicPartition> all = new HashSet<>(owned);
            all.addAll(partitions);
            updateShare(all);
            if (paused) {
                consumer.pause(partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            Set<TopicPartition> remaining = new HashSet<>(owned);
            remaining.removeAll(partitions);
            updateShare(remaining);
            dispatcher.revoke(partitions, Duration.ZERO);
            offsets.forget(partitions);
        }
    }
}
