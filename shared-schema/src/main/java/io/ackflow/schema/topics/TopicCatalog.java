package io.ackflow.schema.topics;

import io.ackflow.schema.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every topic ackflow needs, with its partition count and cleanup policy, built from {@link TopicProperties}. */
public final class TopicCatalog {

    /** One topic to create and check. */
    public record Spec(String name, int partitions, boolean compacted) {}

    private static final List<String> REFERENCE = List.of(
            Topics.AUCTIONS, Topics.SOURCES, Topics.ACCOUNTS, Topics.QUIZZES, Topics.BOTS);
    private static final List<String> STREAMS = List.of(
            Topics.BIDS_PLACED,
            Topics.WEBHOOKS_RECEIVED,
            Topics.QUIZ_ANSWERS,
            Topics.TELEGRAM_UPDATES,
            Topics.TELEGRAM_OUTBOUND,
            Topics.BIDS_ACCEPTED,
            Topics.QUIZ_GRADED,
            Topics.ORDER_EVENTS,
            Topics.EVENT_OUTCOMES);

    private TopicCatalog() {}

    /**
     * Reference topics have one partition (small, read whole by every process). Each stream topic has the configured
     * partition count, and its dead-letter topic has the same count so a dead letter keeps its partition number.
     */
    public static List<Spec> specs(TopicProperties props) {
        List<Spec> specs = new ArrayList<>();
        for (String ref : REFERENCE) {
            specs.add(new Spec(ref, 1, true));
        }
        specs.add(new Spec(Topics.OPS_CONTROL, 1, false));
        Map<String, Integer> overrides = props.partitions();
        for (String stream : STREAMS) {
            int n = overrides.getOrDefault(stream, props.defaultPartitions());
            specs.add(new Spec(stream, n, false));
            specs.add(new Spec(Topics.dlt(stream), n, false));
        }
        return List.copyOf(specs);
    }

    /** Names of the stream topics (those with a dead-letter topic). */
    public static List<String> streamTopics() {
        return STREAMS;
    }

    public static List<String> referenceTopics() {
        return REFERENCE;
    }
}
