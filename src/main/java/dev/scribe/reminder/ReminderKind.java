package dev.scribe.reminder;

/** The reminders the bot sends, each turned on or off by its own setting. */
public enum ReminderKind {
    /** No status change, note or marked moment for a while: post an update (SCRIBE_UPDATE_REMINDER). */
    UPDATE("SCRIBE_UPDATE_REMINDER"),
    /** Resolved but still open: close it? (SCRIBE_CLOSE_REMINDER). */
    CLOSE("SCRIBE_CLOSE_REMINDER"),
    /** Closed with action items nobody owns (SCRIBE_ACTION_REMINDER). */
    ACTION("SCRIBE_ACTION_REMINDER");

    private final String setting;

    ReminderKind(String setting) {
        this.setting = setting;
    }

    /** The environment variable that sets it, named in the reminder so people know how to turn it off. */
    public String setting() {
        return setting;
    }
}
