package io.ackflow.persister.upsert;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumed record and what it means for the database: a row to upsert, nothing (a record the persister ignores),
 * or a poison record to dead-letter with the reason it could not be used.
 */
public record Fact(ConsumerRecord<String, byte[]> record, Object row, Exception poison) {

    public static Fact of(ConsumerRecord<String, byte[]> record, Object row) {
        return new Fact(record, row, null);
    }

    public static Fact ignored(ConsumerRecord<String, byte[]> record) {
        return new Fact(record, null, null);
    }

    public static Fact poison(ConsumerRecord<String, byte[]> record, Exception reason) {
        return new Fact(record, null, reason);
    }

    public boolean isPoison() {
        return poison != null;
    }

    /** A quiz close ends its batch, so the results count exactly the answers before it in the log. */
    public boolean endsBatch() {
        return row instanceof QuizCloseRow;
    }

    public TopicPartition partition() {
        return new TopicPartition(record.topic(), record.partition());
    }
}
