package dev.scribe;

/** What {@code java -jar incident-scribe.jar --help} prints. */
final class Usage {
    private Usage() {
    }

    static final String FIRST_RUN = String.join("\n",
            "Incident Scribe needs a Slack app to talk to, and none is configured yet.",
            "",
            "Create the app from manifest.yml (see the README), install it, then run it one of two ways:",
            "  HTTP (Slack sends requests to https://<your host>/slack/events):",
            "    SLACK_BOT_TOKEN=xoxb-... SLACK_SIGNING_SECRET=... java -Dfile.encoding=UTF-8 -jar incident-scribe.jar",
            "  Socket Mode (no public URL; an app-level token with connections:write):",
            "    SLACK_BOT_TOKEN=xoxb-... SLACK_APP_TOKEN=xapp-... java -Dfile.encoding=UTF-8 -jar incident-scribe.jar",
            "",
            "No workspace at hand? Write an RCA skeleton from a Slack export:",
            "    java -jar incident-scribe.jar report --export <export.zip or folder> --channel <name>",
            "",
            "All settings: java -jar incident-scribe.jar --help");

    static final String TEXT = String.join("\n",
            "Incident Scribe: keeps an incident's timeline in Slack and posts a blameless RCA skeleton on close.",
            "",
            "Run (HTTP mode, Slack sends requests to http(s)://<your host>/slack/events):",
            "  SLACK_BOT_TOKEN=xoxb-... SLACK_SIGNING_SECRET=... java -Dfile.encoding=UTF-8 -jar incident-scribe.jar",
            "Run (Socket Mode, no public URL; an app-level token with connections:write):",
            "  SLACK_BOT_TOKEN=xoxb-... SLACK_APP_TOKEN=xapp-... java -Dfile.encoding=UTF-8 -jar incident-scribe.jar",
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
            "  SCRIBE_REACTIONS       emoji mapping changes, e.g. stopwatch=key,fire=detected,warning=none",
            "  SCRIBE_ROLES           incident roles, commander first, default commander,comms",
            "  SCRIBE_METRICS_TOKEN   bearer token GET /metrics then requires",
            "  SLACK_APP_TOKEN        xapp-... app-level token: connect over Socket Mode instead of HTTP",
            "",
            "Write an RCA skeleton from a Slack export (no Slack app needed):",
            "  java -jar incident-scribe.jar report --export <export.zip or folder> --channel <name> [--out <file.md>]",
            "  (java -jar incident-scribe.jar report --help for all its options)",
            "",
            "Options: --help, --version");
}
