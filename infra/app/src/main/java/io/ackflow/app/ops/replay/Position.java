package io.ackflow.app.ops.replay;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a replay starts or ends: an offset ({@code 1200}), {@code earliest}/{@code latest}, an ISO-8601 time
 * ({@code 2025-01-31T09:00:00Z}, {@code 2025-01-31T10:00+01:00}, {@code 2025-01-31}), or a duration back from now
 * ({@code 15m}, {@code 2h}, {@code 90s}, {@code 1d}, {@code PT15M}).
 */
public sealed interface Position {
    Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    /** A fixed offset on every selected partition. */
    record Offset(long value) implements Position {
        public Offset {
            if (value < 0) {
                throw new IllegalArgumentException("an offset must be >= 0, got " + value);
            }
        }
    }

    /**
     * The first record with a timestamp at or after {@code time}. Record timestamps are epoch milliseconds from 0 on,
     * and Kafka reads negative ones as special positions (-1 latest, -2 earliest), so earlier times become the epoch.
     */
    record Time(Instant time) implements Position {
        public Time {
            time = time.isBefore(Instant.EPOCH) ? Instant.EPOCH : time;
            if (time.isAfter(LAST_MILLI)) {
                time = LAST_MILLI;
            }
        }
    }

    /** The last instant epoch milliseconds can name. */
    Instant LAST_MILLI = Instant.ofEpochMilli(Long.MAX_VALUE);

    /** The log start. */
    record Earliest() implements Position {}

    /** The end of the log (the high watermark). */
    record Latest() implements Position {}

    static Position parse(String text, Clock clock) {
        try {
            return parseText(text, clock);
        } catch (DateTimeException | ArithmeticException e) {
            // a duration or time no clock can reach (9999999999999d, PT2562047788015215H)
            throw new IllegalArgumentException("'" + text + "' is out of range for a time or a duration");
        }
    }

    private static Position parseText(String text, Clock clock) {
        String t = text.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("earliest") || lower.equals("beginning")) {
            return new Earliest();
        }
        if (lower.equals("latest") || lower.equals("end")) {
            return new Latest();
        }
        if (t.chars().allMatch(Character::isDigit) && !t.isEmpty()) {
            return new Offset(Long.parseLong(t));
        }
        Matcher m = SHORT_DURATION.matcher(lower);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return new Time(clock.instant().minus(d));
        }
        try {
            if (lower.startsWith("pt") || lower.startsWith("p")) {
                return new Time(clock.instant().minus(Duration.parse(t)));
            }
            if (t.length() == 10) {
                return new Time(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            return new Time(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an offset, an ISO-8601 time (2025-01-31T09:00:00Z)"
                    + " or a duration (15m, 2h, 1d, PT15M)");
        }
    }
}
