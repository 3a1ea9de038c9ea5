package dev.scribe.slack;

import java.util.regex.Pattern;

/**
 * The shape of Slack's ids of users, channels, teams and bots ({@code U024BE7LH}, {@code C0123ABC}, {@code W01...}):
 * an uppercase letter, then uppercase letters and digits. Anything else in an event or a mention is bad input: it is
 * neither stored (the database keeps 32 characters), nor looked up with Slack, nor logged as it is.
 */
public final class SlackIds {

    /** The longest id the database stores. */
    public static final int MAX_LENGTH = 32;

    private static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9]{1," + (MAX_LENGTH - 1) + "}");

    private SlackIds() {
    }

    /** True when the text is shaped like a Slack id. */
    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
