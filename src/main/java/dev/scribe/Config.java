package dev.scribe;

import dev.scribe.incident.ReactionMap;
import dev.scribe.incident.Roles;
import dev.scribe.reminder.ReminderSettings;
import dev.scribe.slack.ChannelMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every setting, read once from the environment. A missing or malformed setting is a
 * {@link ConfigException} whose message is the one line printed at start-up.
 */
public record Config(
        String botToken,
        String signingSecret,
        Optional<String> appToken,
        String slackApiUrl,
        int port,
        String dbUrl,
        Optional<String> dbUser,
        Optional<String> dbPassword,
        ZoneId zone,
        ChannelMode channelMode,
        Optional<String> retroChannel,
        ReactionMap reactions,
        Duration slackCallTimeout,
        Optional<URI> publicUrl,
        Optional<String> metricsToken,
        Roles roles,
        ReminderSettings reminders,
        int catchUpRate) {

    public static final String DEFAULT_API_URL = "https://slack.com/api/";
    public static final String DEFAULT_DB_URL = "jdbc:h2:file:./data/incident-scribe;WRITE_DELAY=0";
    /**
     * How long one Slack Web API call may stay silent before it counts as failed (the outbox then looks before
     * posting again). Not a setting users have: tests shorten it with {@link #withSlackCallTimeout}.
     */
    public static final Duration DEFAULT_SLACK_CALL_TIMEOUT = Duration.ofSeconds(10);
    /** Calls a minute of each Slack method a catch-up makes: Slack's Tier 3, what an internal app gets. */
    public static final int DEFAULT_CATCH_UP_RATE = 50;
    /** The most SCRIBE_CATCH_UP_RATE takes: above Slack's Tier 4, so a larger number is surely a mistake. */
    static final int MAX_CATCH_UP_RATE = 6000;

    /** A setting that stops start-up; the message names it and says what to do. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }

    /** Reads the settings from an environment map (usually {@link System#getenv()}). */
    public static Config fromEnvironment(Map<String, String> env) {
        Optional<String> appToken = optional(env, "SLACK_APP_TOKEN");
        appToken.ifPresent(t -> {
            if (!t.startsWith("xapp-")) {
                throw new ConfigException("SLACK_APP_TOKEN must be an app-level token starting with xapp- "
                        + "(Slack app settings > Basic Information > App-Level Tokens, scope connections:write).");
            }
        });
        String botToken = optional(env, "SLACK_BOT_TOKEN").orElseThrow(() -> new ConfigException(
                "SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-...) from your Slack app's "
                        + "OAuth & Permissions page."));
        if (!botToken.startsWith("xoxb-")) {
            throw new ConfigException("SLACK_BOT_TOKEN must be a bot token starting with xoxb- "
                    + "(Slack app settings > OAuth & Permissions > Bot User OAuth Token).");
        }
        String signingSecret = optional(env, "SLACK_SIGNING_SECRET").orElse(null);
        if (signingSecret == null && appToken.isEmpty()) {
            throw new ConfigException("SLACK_SIGNING_SECRET is not set: copy the Signing Secret from your Slack "
                    + "app's Basic Information page (or set SLACK_APP_TOKEN to use Socket Mode).");
        }
        String apiUrl = optional(env, "SLACK_API_URL").orElse(DEFAULT_API_URL);
        if (!apiUrl.startsWith("http://") && !apiUrl.startsWith("https://")) {
            throw new ConfigException("SLACK_API_URL must be an http(s) URL, e.g. " + DEFAULT_API_URL);
        }
        if (!apiUrl.endsWith("/")) {
            apiUrl = apiUrl + "/";
        }
        return new Config(
                botToken,
                signingSecret,
                appToken,
                apiUrl,
                port(env),
                optional(env, "SCRIBE_DB_URL").orElse(DEFAULT_DB_URL),
                optional(env, "SCRIBE_DB_USER"),
                optional(env, "SCRIBE_DB_PASSWORD"),
                zone(env),
                channelMode(env),
                optional(env, "SCRIBE_RETRO_CHANNEL"),
                reactions(env),
                DEFAULT_SLACK_CALL_TIMEOUT,
                publicUrl(env),
                optional(env, "SCRIBE_METRICS_TOKEN"),
                roles(env),
                reminders(env),
                catchUpRate(env));
    }

    /** The same settings with another Slack call timeout: for tests of a call that hangs, which need not wait 10 s. */
    public Config withSlackCallTimeout(Duration timeout) {
        return new Config(botToken, signingSecret, appToken, slackApiUrl, port, dbUrl, dbUser, dbPassword, zone,
                channelMode, retroChannel, reactions, timeout, publicUrl, metricsToken, roles, reminders,
                catchUpRate);
    }

    /** True when the bot reads back what it missed after a gap (SCRIBE_CATCH_UP_RATE is not {@code off}). */
    public boolean catchesUp() {
        return catchUpRate > 0;
    }

    /**
     * SCRIBE_CATCH_UP_RATE, checked: how many calls a minute of each Slack method (conversations.history,
     * conversations.replies) reading back may make; 0 for {@code off}.
     */
    static int catchUpRate(Map<String, String> env) {
        String value = optional(env, "SCRIBE_CATCH_UP_RATE").orElse(Integer.toString(DEFAULT_CATCH_UP_RATE));
        if (value.equalsIgnoreCase("off")) {
            return 0;
        }
        try {
            int rate = Integer.parseInt(value);
            if (rate >= 1 && rate <= MAX_CATCH_UP_RATE) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ConfigException("SCRIBE_CATCH_UP_RATE must be calls a minute from 1 to " + MAX_CATCH_UP_RATE
                + " (Slack gives an internal app 50) or off, not '" + value + "'.");
    }

    /**
     * SCRIBE_PUBLIC_URL, checked: the base URL people's browsers use for the incident pages, without a trailing
     * slash. Unset: the pages are served but no link is handed out.
     */
    static Optional<URI> publicUrl(Map<String, String> env) {
        Optional<String> value = optional(env, "SCRIBE_PUBLIC_URL");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get();
        String problem = "SCRIBE_PUBLIC_URL must be the http(s) address people's browsers use for the bot, such as "
                + "https://scribe.example.com or http://localhost:3000, not '" + text + "'.";
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw new ConfigException(problem);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getQuery() != null
                || uri.getFragment() != null || uri.getUserInfo() != null) {
            throw new ConfigException(problem);
        }
        return Optional.of(uri);
    }

    /** SCRIBE_UPDATE_REMINDER, SCRIBE_CLOSE_REMINDER and SCRIBE_ACTION_REMINDER, checked. */
    static ReminderSettings reminders(Map<String, String> env) {
        return new ReminderSettings(reminder(env, "SCRIBE_UPDATE_REMINDER", ReminderSettings.DEFAULT_UPDATE),
                reminder(env, "SCRIBE_CLOSE_REMINDER", ReminderSettings.DEFAULT_CLOSE),
                reminder(env, "SCRIBE_ACTION_REMINDER", null));
    }

    private static Optional<Duration> reminder(Map<String, String> env, String name, Duration otherwise) {
        Optional<String> value = optional(env, name);
        if (value.isEmpty()) {
            return Optional.ofNullable(otherwise);
        }
        try {
            return ReminderSettings.parse(value.get());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + " must be an ISO-8601 duration of a second or more, such as PT30M or PT4H, "
                    + "or off to turn the reminder off, not '" + value.get() + "'.");
        }
    }

    private static int port(Map<String, String> env) {
        String value = optional(env, "PORT").orElse("3000");
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new ConfigException("PORT must be a number from 1 to 65535 (0: any free port), not '" + value + "'.");
        }
    }

    /** SCRIBE_TIMEZONE, checked; also used by the {@code report} command. */
    public static ZoneId zone(Map<String, String> env) {
        String value = optional(env, "SCRIBE_TIMEZONE").orElse("UTC");
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new ConfigException("SCRIBE_TIMEZONE must be a time zone id such as UTC or Europe/London, not '"
                    + value + "'.");
        }
    }

    private static ChannelMode channelMode(Map<String, String> env) {
        String value = optional(env, "SCRIBE_CHANNEL_MODE").orElse("dedicated");
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "dedicated" -> ChannelMode.DEDICATED;
            case "here" -> ChannelMode.HERE;
            default -> throw new ConfigException("SCRIBE_CHANNEL_MODE must be 'dedicated' or 'here', not '" + value + "'.");
        };
    }

    /** SCRIBE_REACTIONS over the defaults, checked; also used by the {@code report} command. */
    public static ReactionMap reactions(Map<String, String> env) {
        try {
            return optional(env, "SCRIBE_REACTIONS").map(ReactionMap::parse).orElseGet(ReactionMap::defaults);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("SCRIBE_REACTIONS is malformed: " + e.getMessage() + ".");
        }
    }

    /** SCRIBE_ROLES, checked: the commander first, then the team's own roles. */
    static Roles roles(Map<String, String> env) {
        try {
            return optional(env, "SCRIBE_ROLES").map(Roles::parse).orElseGet(Roles::defaults);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("SCRIBE_ROLES is malformed: " + e.getMessage() + ".");
        }
    }

    private static Optional<String> optional(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /**
     * {@code text} with every secret of these settings in it replaced by {@code ***}: the tokens, the signing
     * secret, the database password and any credential in the database URL. For messages from libraries that
     * may quote a setting back (a driver that cannot parse {@code user:secret@host} names the rest as the port).
     */
    public String redact(String text) {
        List<String> secrets = new ArrayList<>(JdbcUrlCredentials.secrets(dbUrl));
        Stream.of(Optional.ofNullable(botToken), Optional.ofNullable(signingSecret), appToken, dbPassword, metricsToken)
                .flatMap(Optional::stream).forEach(secrets::add);
        secrets.sort(Comparator.comparingInt(String::length).reversed()); // a secret inside another goes second
        String redacted = text;
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                redacted = redacted.replace(secret, JdbcUrlCredentials.MASK);
            }
        }
        return redacted;
    }

    /** Secrets never reach a log line: this is what {@code toString} shows instead. */
    @Override
    public String toString() {
        return "Config[apiUrl=" + slackApiUrl + ", port=" + port + ", db=" + JdbcUrlCredentials.mask(dbUrl)
                + ", zone=" + zone + ", channelMode=" + channelMode + ", socketMode=" + appToken.isPresent()
                + ", publicUrl=" + publicUrl.map(URI::toString).orElse("unset")
                + ", metricsToken=" + (metricsToken.isPresent() ? "set" : "unset")
                + ", reminders=" + reminders
                + ", catchUpRate=" + (catchUpRate > 0 ? catchUpRate + "/min" : "off") + "]";
    }
}
