package io.ackflow.workers.telegram.send.internal;

import io.ackflow.schema.event.TelegramSend;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** One outbound record held by this instance until it is sent, dropped or dead-lettered. */
public final class PendingSend {
    private final ConsumerRecord<String, byte[]> record;
    private final TopicPartition partition;
    private final TelegramSend send;
    private final int redriveCount;
    /** 5xx and network failures in this delivery; bounds the retries. Touched only by the one running worker. */
    int failures;
    /** Set when the outcome is decided and only the dead-letter publish is left to retry. */
    volatile Exception deadLetterCause;
    volatile String deadLetterState;

    public PendingSend(ConsumerRecord<String, byte[]> record, TelegramSend send, int redriveCount) {
        this.record = record;
        this.partition = new TopicPartition(record.topic(), record.partition());
        this.send = send;
        this.redriveCount = redriveCount;
    }

    public ConsumerRecord<String, byte[]> record() {
        return record;
    }

    public TopicPartition partition() {
        return partition;
    }

    public long offset() {
        return record.offset();
    }

    public TelegramSend send() {
        return send;
    }

    public int redriveCount() {
        return redriveCount;
    }

    @Override
    public String toString() {
        return "message " + send.messageId() + " (bot " + send.botId() + ", chat " + send.chatId() + ", "
                + send.method() + ") at " + partition + "@" + record.offset();
    }
}
