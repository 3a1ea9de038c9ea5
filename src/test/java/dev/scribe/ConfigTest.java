package dev.scribe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.Config.ConfigException;
import dev.scribe.slack.ChannelMode;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", "xoxb-1-secret-token");
        env.put("SLACK_SIGNING_SECRET", "very-secret");
        return env;
    }

    private static String error(Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> Config.fromEnvironment(env)).getMessage();
    }

    @Test
    void defaults() {
        Config c = Config.fromEnvironment(minimal());
        assertEquals("https://slack.com/api/", c.slackApiUrl());
        assertEquals(3000, c.port());
        assertEquals(Config.DEFAULT_DB_URL, c.dbUrl());
        assertEquals(ZoneId.of("UTC"), c.zone());
        assertEquals(ChannelMode.DEDICATED, c.channelMode());
    }

    @Test
    void catchingUpIsPacedAtSlacksTier3UnlessSetOtherwiseOrOff() {
        Config c = Config.fromEnvironment(minimal());
        assertEquals(50, c.catchUpRate());
        assertTrue(c.catchesUp());
        Map<String, String> env = minimal();
        env.put("SCRIBE_CATCH_UP_RATE", "OFF");
        assertFalse(Config.fromEnvironment(env).catchesUp());
        env.put("SCRIBE_CATCH_UP_RATE", " 1 ");
        assertEquals(1, Config.fromEnvironment(env).catchUpRate());
        for (String bad : List.of("0", "-5", "6001", "fast", "50/min")) {
            env.put("SCRIBE_CATCH_UP_RATE", bad);
            assertEquals("SCRIBE_CATCH_UP_RATE must be calls a minute from 1 to 6000 (Slack gives an internal app 50) or "
                    + "off, not '" + bad.strip() + "'.", error(env));
        }
    }

    @Test
    void missingTokenOrSecretNamesItAndWhereToFindIt() {
        Map<String, String> env = minimal();
        env.remove("SLACK_BOT_TOKEN");
        assertTrue(error(env).startsWith("SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token"));
        env = minimal();
        env.remove("SLACK_SIGNING_SECRET");
        assertTrue(error(env).startsWith("SLACK_SIGNING_SECRET is not set: copy the Signing Secret"));
    }

    @Test
    void malformedSettingsAreNamed() {
        for (String[] bad : new String[][] {{"PORT", "eighty"}, {"PORT", "70000"}, {"SCRIBE_TIMEZONE", "Mars/Olympus"},
                {"SCRIBE_CHANNEL_MODE", "everywhere"}, {"SLACK_API_URL", "ftp://x"}, {"SCRIBE_REACTIONS", "fire=panic"},
                {"SCRIBE_ROLES", "commander,Comms"}, {"SCRIBE_ROLES", "comms,,scribe"},
                {"SLACK_BOT_TOKEN", "xoxp-user-token"}, {"SLACK_APP_TOKEN", "xoxb-not-an-app-token"}}) {
            Map<String, String> env = minimal();
            env.put(bad[0], bad[1]);
            assertTrue(error(env).startsWith(bad[0]), bad[0] + ": " + error(env));
        }
    }

    @Test
    void rolesDefaultToCommanderAndCommsAndAMalformedListStopsStartUpWithOneLine() {
        assertEquals(List.of("commander", "comms"), Config.fromEnvironment(minimal()).roles().names());
        Map<String, String> env = minimal();
        env.put("SCRIBE_ROLES", "comms, scribe");
        assertEquals(List.of("commander", "comms", "scribe"), Config.fromEnvironment(env).roles().names());
        env.put("SCRIBE_ROLES", "comms,comms");
        assertEquals("SCRIBE_ROLES is malformed: it names the role 'comms' twice.", error(env));
        env.put("SCRIBE_ROLES", "comms\nscribe");
        assertFalse(error(env).contains("\n"), "one line: " + error(env));
    }

    @Test
    void remindersAreIsoDurationsOrOffWithTheIssuesDefaults() {
        Config defaults = Config.fromEnvironment(minimal());
        assertEquals(java.util.Optional.of(java.time.Duration.ofMinutes(30)), defaults.reminders().update());
        assertEquals(java.util.Optional.of(java.time.Duration.ofHours(4)), defaults.reminders().close());
        assertTrue(defaults.reminders().action().isEmpty());
        Map<String, String> env = new java.util.HashMap<>(minimal());
        env.put("SCRIBE_UPDATE_REMINDER", "off");
        env.put("SCRIBE_CLOSE_REMINDER", "OFF");
        env.put("SCRIBE_ACTION_REMINDER", "pt2s");
        Config set = Config.fromEnvironment(env);
        assertTrue(set.reminders().update().isEmpty());
        assertTrue(set.reminders().close().isEmpty());
        assertEquals(java.util.Optional.of(java.time.Duration.ofSeconds(2)), set.reminders().action());
        for (String bad : java.util.List.of("30 minutes", "PT0S", "PT0.5S", "-PT1M", "30")) {
            env.put("SCRIBE_UPDATE_REMINDER", bad);
            assertEquals("SCRIBE_UPDATE_REMINDER must be an ISO-8601 duration of a second or more, such as PT30M or PT4H, "
                    + "or off to turn the reminder off, not '" + bad + "'.", error(env));
        }
    }

    @Test
    void thePublicUrlIsAnHttpAddressWithoutItsTrailingSlashAndUnsetByDefault() {
        assertTrue(Config.fromEnvironment(minimal()).publicUrl().isEmpty());
        Map<String, String> env = minimal();
        env.put("SCRIBE_PUBLIC_URL", "https://scribe.example.com/");
        assertEquals("https://scribe.example.com", Config.fromEnvironment(env).publicUrl().orElseThrow().toString());
        env.put("SCRIBE_PUBLIC_URL", "http://localhost:3000");
        assertEquals("http://localhost:3000", Config.fromEnvironment(env).publicUrl().orElseThrow().toString());
        for (String bad : new String[] {"scribe.example.com", "ftp://scribe.example.com", "https://", "https://x/?a=b",
                "https://user:pw@x", "https://x/#top", "http://a b"}) {
            env.put("SCRIBE_PUBLIC_URL", bad);
            assertEquals("SCRIBE_PUBLIC_URL must be the http(s) address people's browsers use for the bot, such as "
                    + "https://scribe.example.com or http://localhost:3000, not '" + bad + "'.", error(env), bad);
        }
    }

    @Test
    void secretsNeverAppearInToString() {
        Map<String, String> env = minimal();
        env.put("SCRIBE_DB_URL", "jdbc:postgresql://db/scribe?user=x&password=hunter2");
        String shown = Config.fromEnvironment(env).toString();
        assertFalse(shown.contains("xoxb-1-secret-token"));
        assertFalse(shown.contains("very-secret"));
        assertFalse(shown.contains("hunter2"));
    }

    private static String shownDbUrl(String url) {
        Map<String, String> env = minimal();
        env.put("SCRIBE_DB_URL", url);
        String shown = Config.fromEnvironment(env).toString();
        return shown.substring(shown.indexOf(", db=") + ", db=".length(), shown.indexOf(", zone="));
    }

    @Test
    void everyCredentialInTheDatabaseUrlIsMaskedWhateverItsCase() {
        String[][] cases = {
                {"jdbc:h2:file:./data/x;WRITE_DELAY=0;USER=sa;PASSWORD=hunter2", "jdbc:h2:file:./data/x;WRITE_DELAY=0;USER=sa;PASSWORD=***"},
                {"jdbc:h2:file:./data/x;Password=hunter2;USER=sa", "jdbc:h2:file:./data/x;Password=***;USER=sa"},
                {"jdbc:h2:file:./data/x;CIPHER=AES;FILE_PASSWORD=hunter2", "jdbc:h2:file:./data/x;CIPHER=***;FILE_PASSWORD=***"},
                {"jdbc:postgresql://db/scribe?user=x&PASSWORD=hunter2", "jdbc:postgresql://db/scribe?user=x&PASSWORD=***"},
                {"jdbc:postgresql://db/scribe?password=hunter2&ssl=true", "jdbc:postgresql://db/scribe?password=***&ssl=true"},
                {"jdbc:postgresql://db/scribe?sslkey=/k.pk8&sslpassword=hunter2", "jdbc:postgresql://db/scribe?sslkey=/k.pk8&sslpassword=***"},
                {"jdbc:mariadb://db/scribe?keyStorePassword=hunter2&trustStorePassword=hunter3",
                        "jdbc:mariadb://db/scribe?keyStorePassword=***&trustStorePassword=***"},
                {"jdbc:postgresql://scribe:hunter2@db:5432/scribe", "jdbc:postgresql://scribe:***@db:5432/scribe"},
                {"jdbc:mariadb://scribe:hunter2@db/scribe", "jdbc:mariadb://scribe:***@db/scribe"},
                {"jdbc:mariadb://scribe:hun@ter2@db/scribe", "jdbc:mariadb://scribe:***@db/scribe"},
                {"jdbc:mysql://(host=db,user=scribe,password=hunter2)/scribe", "jdbc:mysql://(host=db,user=scribe,password=***)/scribe"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], shownDbUrl(c[0]), c[0]);
        }
    }

    @Test
    void urlsWithoutCredentialsAreShownAsTheyAre() {
        for (String url : List.of(Config.DEFAULT_DB_URL, "jdbc:postgresql://db:5432/scribe?user=ops@example.com&ssl=true",
                "jdbc:mariadb://db1:3306,db2:3306/scribe", "jdbc:h2:tcp://localhost:9092/~/scribe;USER=sa")) {
            assertEquals(url, shownDbUrl(url));
        }
    }

    @Test
    void redactTakesEverySecretOutOfALibraryMessage() {
        Map<String, String> env = minimal();
        env.put("SCRIBE_DB_URL", "jdbc:mariadb://scribe:hunter2@db/scribe");
        env.put("SCRIBE_DB_PASSWORD", "pw-from-env");
        Config config = Config.fromEnvironment(env);
        // What MariaDB's driver says about a URL with userinfo, which it does not support.
        assertEquals("Failed to initialize pool: Incorrect port value : ***@db (***, ***, ***)",
                config.redact("Failed to initialize pool: Incorrect port value : hunter2@db (pw-from-env, very-secret, "
                        + "xoxb-1-secret-token)"));
    }
}
