package dev.scribe.slack;

/** Says in plain words what a Slack error means for the person who ran a command. */
final class SlackErrors {
    private SlackErrors() {
    }

    static String explain(SlackCallException e) {
        return switch (e.error()) {
            case "missing_scope" -> "The Slack app is missing a permission for `" + e.method()
                    + "`. Reinstall it from the manifest in the README so it has every scope it needs.";
            case "not_in_channel" -> "I am not a member of this channel. Invite me with `/invite @Incident Scribe`, "
                    + "then try again.";
            case "channel_not_found" -> "Slack cannot find this channel for me (`channel_not_found`). In a private "
                    + "channel, invite me with `/invite @Incident Scribe` first.";
            case SlackCalls.RATELIMITED, "rate_limited" -> "Slack is rate-limiting me right now (`" + e.method() + "`). Try again in a minute.";
            default -> "Slack refused `" + e.method() + "` with `" + e.error() + "`.";
        };
    }
}
