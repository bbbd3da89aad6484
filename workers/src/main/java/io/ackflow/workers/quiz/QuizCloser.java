package io.ackflow.workers.quiz;

import io.ackflow.schema.EventIds;
import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Headers;
import io.ackflow.schema.Json;
import io.ackflow.schema.RecordHeaders;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.QuizClose;
import io.ackflow.schema.event.QuizDefined;
import io.ackflow.workers.support.ReferenceData;
import io.ackflow.workers.support.WorkerPublisher;
import io.ackflow.workers.support.WorkerProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Closes quizzes when their {@code closes_at} passes: publishes a {@link QuizClose} to {@link Topics#QUIZ_ANSWERS}
 * (key quiz id, event id {@code EventIds.derive("quiz-close", quizId)}), so it lands behind every answer to the quiz.
 * Every worker instance runs one; several closes of one quiz are harmless (the persister closes once, and the
 * deterministic event id makes them one event). Each instance remembers what it closed (per quiz and
 * {@code closes_at}, so a quiz moved to a later close is closed again), and skips quizzes that closed before
 * {@code ackflow.workers.quiz.close-lookback}.
 */
@Component
public class QuizCloser implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(QuizCloser.class);

    private final ReferenceData reference;
    private final WorkerPublisher publisher;
    private final QuizProperties props;
    private final boolean enabled;
    private final Clock clock;
    private final Set<String> closed = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService executor;
    private volatile Instant startedAt;

    public QuizCloser(ReferenceData reference, WorkerPublisher publisher, QuizProperties props,
            WorkerProperties workers, ObjectProvider<Clock> clock) {
        this.reference = reference;
        this.publisher = publisher;
        this.props = props;
        this.enabled = workers.runs("quiz");
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    /** Closes every quiz whose time is up and that this instance has not closed yet. Returns how many it closed. */
    public int closeDue() {
        Instant now = clock.instant();
        Instant horizon = (startedAt == null ? now : startedAt).minus(props.closeLookback());
        int count = 0;
        for (QuizDefined quiz : reference.quizzes().snapshot().values()) {
            if (quiz.closesAt() == null || quiz.closesAt().isAfter(now) || quiz.closesAt().isBefore(horizon)) {
                continue;
            }
            String key = quiz.quizId() + "@" + quiz.closesAt();
            if (!closed.add(key)) {
                continue;
            }
            try {
                publisher.publish(closeRecord(quiz.quizId(), now));
                count++;
                log.debug("Closed quiz {} (closes_at {})", quiz.quizId(), quiz.closesAt());
            } catch (RuntimeException e) {
                closed.remove(key);
                log.warn("Could not close quiz {} yet: {}", quiz.quizId(), e.getMessage());
            }
        }
        return count;
    }

    static ProducerRecord<String, byte[]> closeRecord(String quizId, Instant now) {
        String eventId = EventIds.derive("quiz-close", quizId);
        ProducerRecord<String, byte[]> r =
                new ProducerRecord<>(Topics.QUIZ_ANSWERS, quizId, Json.write(new QuizClose(eventId, quizId, now)));
        RecordHeaders.put(r.headers(), Headers.EVENT_ID, eventId);
        RecordHeaders.put(r.headers(), Headers.EVENT_TYPE, EventTypes.QUIZ_CLOSE);
        RecordHeaders.put(r.headers(), Headers.INGRESS_TIME, Long.toString(now.toEpochMilli()));
        return r;
    }

    @Override
    public void start() {
        if (!enabled || executor != null) {
            return;
        }
        startedAt = clock.instant();
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ackflow-quiz-closer");
            t.setDaemon(true);
            return t;
        });
        long every = props.closeCheckInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                closeDue();
            } catch (RuntimeException e) {
                log.warn("Quiz close check failed: {}", e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService e = executor;
        executor = null;
        if (e != null) {
            e.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
