package io.ackflow.workers.support;

import io.ackflow.schema.Topics;
import io.ackflow.schema.event.AccountDefined;
import io.ackflow.schema.event.AuctionDefined;
import io.ackflow.schema.event.BotDefined;
import io.ackflow.schema.event.QuizDefined;
import io.ackflow.schema.event.SourceDefined;
import io.ackflow.schema.view.ReferenceView;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * The reference data every worker reads, held in memory by one {@link ReferenceView} per compacted topic. Workers never
 * read the database per record.
 *
 * <p>Invalidation: an admin change is pushed through the compacted topic and lands in the view within milliseconds.
 * Before a worker <em>rejects</em> because a definition is missing or not open, it calls {@link #ensureCurrent} so an
 * admin PUT acknowledged before the record was received is always seen (read-your-writes). One successful catch-up
 * covers every record received before it started, so a flood of rejections costs one catch-up per round, not one per
 * record.
 */
@Component
public class ReferenceData implements DisposableBean {
    private final ReferenceView<AuctionDefined> auctions;
    private final ReferenceView<QuizDefined> quizzes;
    private final ReferenceView<AccountDefined> accounts;
    private final ReferenceView<SourceDefined> sources;
    private final ReferenceView<BotDefined> bots;
    private final Duration awaitTimeout;
    /** Per view: the wall-clock start of the last successful catch-up; the view holds every change made before it. */
    private final Map<ReferenceView<?>, Long> currentAsOf = new ConcurrentHashMap<>();

    public ReferenceData(KafkaProperties kafka, WorkerProperties props) {
        Map<String, Object> consumer = kafka.buildConsumerProperties();
        this.auctions = new ReferenceView<>(Topics.AUCTIONS, AuctionDefined.class, consumer);
        this.quizzes = new ReferenceView<>(Topics.QUIZZES, QuizDefined.class, consumer);
        this.accounts = new ReferenceView<>(Topics.ACCOUNTS, AccountDefined.class, consumer);
        this.sources = new ReferenceView<>(Topics.SOURCES, SourceDefined.class, consumer);
        this.bots = new ReferenceView<>(Topics.BOTS, BotDefined.class, consumer);
        this.awaitTimeout = props.referenceAwaitTimeout();
    }

    public ReferenceView<AuctionDefined> auctions() {
        return auctions;
    }

    public ReferenceView<QuizDefined> quizzes() {
        return quizzes;
    }

    public ReferenceView<AccountDefined> accounts() {
        return accounts;
    }

    public ReferenceView<SourceDefined> sources() {
        return sources;
    }

    public ReferenceView<BotDefined> bots() {
        return bots;
    }

    /**
     * Makes sure {@code view} holds every change acknowledged before {@code receivedAt} (when the record that needs it
     * was received), waiting up to {@code ackflow.workers.reference-await-timeout}. Returns false when the view could
     * not catch up in time; callers then treat the decision as transient.
     */
    public boolean ensureCurrent(ReferenceView<?> view, Instant receivedAt) {
        long needed = receivedAt == null ? System.currentTimeMillis() : receivedAt.toEpochMilli();
        Long asOf = currentAsOf.get(view);
        if (asOf != null && asOf >= needed) {
            return true;
        }
        long started = System.currentTimeMillis();
        if (!view.awaitCurrent(awaitTimeout)) {
            return false;
        }
        currentAsOf.merge(view, started, Math::max);
        return true;
    }

    @Override
    public void destroy() {
        auctions.close();
        quizzes.close();
        accounts.close();
        sources.close();
        bots.close();
    }
}
