package dev.scribe;

/** What {@code java -jar incident-scribe.jar --help} prints. */
final class Usage {
    private Usage() {
    }

    static final String TEXT = String.join("\n",
            "Incident Scribe: keeps an incident's timeline in Slack and posts a blameless RCA skeleton on close.",
            "",
            "Run (HTTP mode, Slack sends requests to http(s)://<your host>/slack/events):",
            "  SLACK_BOT_TOKEN=xoxb-... SLACK_SIGNING_SECRET=... java -Dfile.encoding=UTF-8 -jar incident-scribe.jar",
            "",
            "Settings (environment):",
            "  SLACK_BOT_TOKEN        Bot User OAuth Token (OAuth & Permissions page), required",
            "  SLACK_SIGNING_SECRET   Signing Secret (Basic Information page), required in HTTP mode",
            "  SLACK_API_URL          Web API base, default https://slack.com/api/",
            "  PORT                   HTTP port, default 3000",
            "  SCRIBE_DB_URL          JDBC URL, default an H2 file under ./data",
            "  SCRIBE_DB_USER, SCRIBE_DB_PASSWORD",
            "  SCRIBE_TIMEZONE        time zone of reports, default UTC",
            "  SCRIBE_CHANNEL_MODE    dedicated (default) or here",
            "  SCRIBE_RETRO_CHANNEL   channel id that also gets each retro summary",
            "",
            "Options: --help, --version");
}
