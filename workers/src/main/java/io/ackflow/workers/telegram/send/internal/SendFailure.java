package io.ackflow.workers.telegram.send.internal;

/**
 * Why a Telegram message was dead-lettered; its class name and message go into the dead-letter headers. Carries the
 * message id, bot, chat and, when there was one, the HTTP status, never the token.
 */
public class SendFailure extends RuntimeException {
    private final String state;

    public SendFailure(String state, String message) {
        super(message, null, false, true);
        this.state = state;
    }

    /** The ledger state this failure leaves the message in. */
    public String state() {
        return state;
    }

    /** 400/403 and other final rejections: Telegram will not take this message. */
    public static final class Rejected extends SendFailure {
        public Rejected(String message) {
            super("failed", message);
        }
    }

    /** 5xx or network errors on every attempt. */
    public static final class RetriesExhausted extends SendFailure {
        public RetriesExhausted(String message) {
            super("dead", message);
        }
    }

    /** The call may have been delivered; not resent unless an operator redrives it. */
    public static final class Uncertain extends SendFailure {
        public Uncertain(String message) {
            super("uncertain", message);
        }
    }

    /** The record is not a readable {@code TelegramSend}, or names no known bot. */
    public static final class Invalid extends SendFailure {
        public Invalid(String message) {
            super("failed", message);
        }
    }
}
