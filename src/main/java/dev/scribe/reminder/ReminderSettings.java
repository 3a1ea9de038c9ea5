package dev.scribe.reminder;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How long an incident may go without an update, stay resolved but open, or keep action items without an owner
 * after its close before the team is reminded; empty turns that reminder off.
 */
public record ReminderSettings(Optional<Duration> update, Optional<Duration> close, Optional<Duration> action) {

    public static final Duration DEFAULT_UPDATE = Duration.ofMinutes(30);
    public static final Duration DEFAULT_CLOSE = Duration.ofHours(4);
    /** The least a reminder may wait: tests use seconds, a reminder every instant would be noise. */
    static final Duration SHORTEST = Duration.ofSeconds(1);
    private static final Duration LONGEST_POLL = Duration.ofSeconds(30);
    private static final Duration SHORTEST_POLL = Duration.ofMillis(250);

    /** Update reminders after 30 minutes, close reminders after 4 hours, no action reminders. */
    public static ReminderSettings defaults() {
        return new ReminderSettings(Optional.of(DEFAULT_UPDATE), Optional.of(DEFAULT_CLOSE), Optional.empty());
    }

    /**
     * An ISO-8601 duration ({@code PT30M}, {@code PT4H}, {@code PT2S}, any case) or {@code off}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static Optional<Duration> parse(String value) {
        String v = value.strip();
        if (v.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        Duration d;
        try {
            d = Duration.parse(v.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is neither an ISO-8601 duration such as PT30M or PT4H "
                    + "nor off");
        }
        if (d.compareTo(SHORTEST) < 0) {
            throw new IllegalArgumentException("'" + value + "' is shorter than a second");
        }
        return Optional.of(d);
    }

    /** True when any reminder is on. */
    public boolean anyOn() {
        return update.isPresent() || close.isPresent() || action.isPresent();
    }

    /** How often to look for reminders due: a quarter of the shortest, between 250 ms and 30 s. */
    public Duration pollEvery() {
        Duration shortest = Stream.of(update, close, action).flatMap(Optional::stream).min(Duration::compareTo)
                .orElse(LONGEST_POLL.multipliedBy(4));
        Duration quarter = shortest.dividedBy(4);
        return quarter.compareTo(SHORTEST_POLL) < 0 ? SHORTEST_POLL
                : quarter.compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : quarter;
    }

    /** A setting's duration as people say it: {@code 30m}, {@code 4h}, {@code 1h 30m}, {@code 2s}. */
    public static String words(Duration d) {
        StringBuilder out = new StringBuilder();
        if (d.toDays() > 0) {
            out.append(d.toDays()).append("d ");
        }
        if (d.toHoursPart() > 0) {
            out.append(d.toHoursPart()).append("h ");
        }
        if (d.toMinutesPart() > 0) {
            out.append(d.toMinutesPart()).append("m ");
        }
        if (d.toSecondsPart() > 0 || out.length() == 0) {
            out.append(d.toSecondsPart()).append("s ");
        }
        return out.toString().strip();
    }
}
