package dev.scribe.web;

import dev.scribe.report.Insights;
import jakarta.servlet.http.HttpServletRequest;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;

/**
 * What {@code /insights} (and its CSV and JSON) is asked for: days {@code from} and {@code to} in the team's zone,
 * both included (default: the 90 days up to today), counted {@code by} week or month. A parameter it does not know,
 * or a value it cannot read, is a {@link BadQuery} whose message the 400 page shows.
 */
record InsightsQuery(LocalDate from, LocalDate to, Insights.Grouping grouping) {

    static final int DEFAULT_DAYS = 90;
    /** Five years of weeks is about 260 bars: still a chart; more would be a smear. */
    static final int MAX_DAYS = 5 * 366;
    private static final Set<String> PARAMETERS = Set.of("from", "to", "by");

    /** Thrown for a query the insights cannot read; its message is the sentence the 400 page shows. */
    static final class BadQuery extends Exception {
        BadQuery(String message) {
            super(message);
        }
    }

    static InsightsQuery read(HttpServletRequest request, LocalDate today) throws BadQuery {
        for (String name : request.getParameterMap().keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new BadQuery("Insights have no setting called '" + shorten(name) + "'; they take from, to and by.");
            }
        }
        String fromText = single(request, "from");
        String toText = single(request, "to");
        String by = single(request, "by").toLowerCase(Locale.ROOT);
        LocalDate to = toText.isEmpty() ? today : day(toText, "to");
        LocalDate from = fromText.isEmpty() ? to.minusDays(DEFAULT_DAYS - 1) : day(fromText, "from");
        if (to.isBefore(from)) {
            throw new BadQuery("The range ends (" + to + ") before it starts (" + from + ").");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new BadQuery("The range from " + from + " to " + to + " is longer than five years; choose a shorter one.");
        }
        Insights.Grouping grouping = switch (by) {
            case "", "week" -> Insights.Grouping.WEEK;
            case "month" -> Insights.Grouping.MONTH;
            default -> throw new BadQuery("'" + shorten(by) + "' is not a way to count: use week or month.");
        };
        return new InsightsQuery(from, to, grouping);
    }

    /** The query string that asks for the same range again, e.g. for the CSV link. */
    String asQuery() {
        return "from=" + from + "&to=" + to + "&by=" + grouping.name().toLowerCase(Locale.ROOT);
    }

    private static String single(HttpServletRequest request, String name) throws BadQuery {
        String[] values = request.getParameterValues(name);
        if (values == null) {
            return "";
        }
        if (values.length > 1) {
            throw new BadQuery("The setting '" + name + "' is given " + values.length + " times; give it once.");
        }
        return values[0].strip();
    }

    private static LocalDate day(String text, String name) throws BadQuery {
        try {
            if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new DateTimeException(text);
            }
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw new BadQuery("'" + shorten(text) + "' is not a day for '" + name + "': use YYYY-MM-DD, e.g. 2026-12-01.");
        }
    }

    /** Quoted input is cut, so a huge value does not make a huge page. */
    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
