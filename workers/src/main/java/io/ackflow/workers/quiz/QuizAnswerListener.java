package io.ackflow.workers.quiz;

import io.ackflow.schema.ConsumerGroups;
import io.ackflow.schema.EventTypes;
import io.ackflow.schema.Headers;
import io.ackflow.schema.RecordHeaders;
import io.ackflow.schema.Topics;
import io.ackflow.schema.event.EventOutcome;
import io.ackflow.schema.event.GradedAnswer;
import io.ackflow.schema.event.QuizAnswer;
import io.ackflow.schema.event.QuizClose;
import io.ackflow.schema.event.QuizDefined;
import io.ackflow.schema.event.TelegramSend;
import io.ackflow.workers.support.InvalidRecordException;
import io.ackflow.workers.support.ReferenceData;
import io.ackflow.workers.support.ReferenceNotCurrentException;
import io.ackflow.workers.support.WorkerListener;
import io.ackflow.workers.support.WorkerMetrics;
import io.ackflow.workers.support.WorkerPublisher;
import io.ackflow.workers.support.WorkerRecords;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Group {@link ConsumerGroups#QUIZ_WORKER} on {@link Topics#QUIZ_ANSWERS}.
 *
 * <ul>
 *   <li>A {@link QuizAnswer} is graded ({@link QuizGrade}) and published as a {@link GradedAnswer} on {@link
 *       Topics#QUIZ_GRADED} (key quiz id), with its outcome. An answer from Telegram also gets an
 *       {@code answerCallbackQuery} ({@code cbq:<callbackQueryId>}) and the player's next question
 *       ({@code quiz-q:<quiz>:<question>:<user>}) or a "you're done" message.
 *   <li>A {@link QuizClose} becomes a close marker on {@link Topics#QUIZ_GRADED} (event type {@link
 *       EventTypes#QUIZ_CLOSED}, same key, so it follows every graded answer of the quiz). The persister computes the
 *       results and queues result messages, once.
 * </ul>
 */
@Component
public class QuizAnswerListener extends WorkerListener {
    private final ReferenceData reference;
    private final WorkerPublisher publisher;
    /** (quiz, user, question) answered, to tell a player "already answered"; bounded, least recently used first out. */
    private final Set<String> answered;

    public QuizAnswerListener(ReferenceData reference, WorkerPublisher publisher, QuizProperties props,
            MeterRegistry registry, ObjectProvider<Clock> clock) {
        super(ConsumerGroups.QUIZ_WORKER, Topics.QUIZ_ANSWERS, new WorkerMetrics(registry, ConsumerGroups.QUIZ_WORKER),
                clock.getIfUnique(Clock::systemUTC));
        this.reference = reference;
        this.publisher = publisher;
        int capacity = props.rememberedAnswers();
        this.answered = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        }));
    }

    @Override
    protected void handle(ConsumerRecord<String, byte[]> record) {
        String type = RecordHeaders.get(record.headers(), Headers.EVENT_TYPE);
        if (EventTypes.QUIZ_CLOSE.equals(type)) {
            close(record);
        } else if (type == null || EventTypes.QUIZ_ANSWER.equals(type)) {
            answer(record);
        } else {
            throw new InvalidRecordException("record " + WorkerRecords.where(record) + " has event type '" + type
                    + "', expected " + EventTypes.QUIZ_ANSWER + " or " + EventTypes.QUIZ_CLOSE);
        }
    }

    private void answer(ConsumerRecord<String, byte[]> record) {
        QuizAnswer a = WorkerRecords.decode(record, QuizAnswer.class);
        String eventId = WorkerRecords.eventId(a.eventId(), record);
        WorkerRecords.require(a.quizId(), "quiz_id", record);
        WorkerRecords.require(a.userId(), "user_id", record);
        WorkerRecords.require(a.questionId(), "question_id", record);
        WorkerRecords.require(a.optionId(), "option_id", record);
        Instant receivedAt = WorkerRecords.ingressTime(record, a.answeredAt());
        Instant answeredAt = a.answeredAt() != null ? a.answeredAt() : receivedAt;

        QuizGrade grade = QuizGrade.grade(a, answeredAt, reference.quizzes().get(a.quizId()));
        if (!grade.accepted()) {
            if (!reference.ensureCurrent(reference.quizzes(), receivedAt)) {
                throw new ReferenceNotCurrentException(Topics.QUIZZES, a.quizId());
            }
            grade = QuizGrade.grade(a, answeredAt, reference.quizzes().get(a.quizId()));
        }
        Optional<QuizDefined> quiz = reference.quizzes().get(a.quizId());

        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(4);
        EventOutcome.Status status;
        Map<String, String> refs = new LinkedHashMap<>();
        refs.put("quiz_id", a.quizId());
        boolean repeat = false;
        if (grade.accepted()) {
            repeat = !answered.add(a.quizId() + "\n" + a.userId() + "\n" + a.questionId());
            GradedAnswer graded = new GradedAnswer(eventId, a.quizId(), a.userId(), a.questionId(), a.optionId(),
                    grade.correct(), grade.points(), answeredAt, a.chatId());
            out.add(WorkerRecords.derived(record, Topics.QUIZ_GRADED, a.quizId(), EventTypes.QUIZ_ANSWER_GRADED, graded));
            status = EventOutcome.Status.accepted;
            refs.put("correct", Boolean.toString(grade.correct()));
            refs.put("points", Integer.toString(grade.points()));
        } else {
            status = EventOutcome.Status.rejected;
        }
        out.add(WorkerRecords.outcome(record, eventId, EventTypes.QUIZ_ANSWER, status, grade.rejection(), receivedAt,
                clock.instant(), refs));
        if (a.callbackQueryId() != null && a.chatId() != null && quiz.isPresent() && quiz.get().botId() != null) {
            telegramReplies(record, a, quiz.get(), grade, repeat, out);
        }
        publisher.publishAll(out);
        metrics.outcome(status.name(), grade.rejection());
    }

    private void telegramReplies(ConsumerRecord<String, byte[]> record, QuizAnswer a, QuizDefined quiz,
            QuizGrade grade, boolean repeat, List<ProducerRecord<String, byte[]>> out) {
        Instant now = clock.instant();
        String text = repeat ? "You already answered this question; your first answer counts." : grade.playerText();
        List<TelegramSend> sends = new ArrayList<>(2);
        sends.add(QuizMessages.callbackAnswer(quiz.botId(), a.callbackQueryId(), a.chatId(), text, now));
        if (grade.accepted()) {
            int next = grade.questionIndex() + 1;
            sends.add(next < quiz.questions().size()
                    ? QuizMessages.nextQuestion(quiz, next, a.userId(), a.chatId(), now)
                    : QuizMessages.done(quiz, a.userId(), a.chatId(), now));
        }
        for (TelegramSend s : sends) {
            out.add(WorkerRecords.derived(record, Topics.TELEGRAM_OUTBOUND, Long.toString(a.chatId()),
                    EventTypes.TELEGRAM_SEND, s));
        }
    }

    private void close(ConsumerRecord<String, byte[]> record) {
        QuizClose c = WorkerRecords.decode(record, QuizClose.class);
        String eventId = WorkerRecords.eventId(c.eventId(), record);
        WorkerRecords.require(c.quizId(), "quiz_id", record);
        Instant receivedAt = WorkerRecords.ingressTime(record, c.requestedAt());
        boolean known = reference.quizzes().get(c.quizId()).isPresent();
        if (!known) {
            if (!reference.ensureCurrent(reference.quizzes(), receivedAt)) {
                throw new ReferenceNotCurrentException(Topics.QUIZZES, c.quizId());
            }
            known = reference.quizzes().get(c.quizId()).isPresent();
        }
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(2);
        if (known) {
            QuizClose marker = new QuizClose(eventId, c.quizId(), c.requestedAt() != null ? c.requestedAt() : receivedAt);
            out.add(WorkerRecords.derived(record, Topics.QUIZ_GRADED, c.quizId(), EventTypes.QUIZ_CLOSED, marker));
        }
        EventOutcome.Status status = known ? EventOutcome.Status.accepted : EventOutcome.Status.rejected;
        String reason = known ? null : QuizGrade.UNKNOWN_QUIZ;
        out.add(WorkerRecords.outcome(record, eventId, EventTypes.QUIZ_CLOSE, status, reason, receivedAt,
                clock.instant(), Map.of("quiz_id", c.quizId())));
        publisher.publishAll(out);
        metrics.outcome(status.name(), reason);
    }
}
