package dev.scribe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.Config.ConfigException;
import java.time.ZoneId;
import java.util.HashMap;
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
        assertEquals(Config.ChannelMode.DEDICATED, c.channelMode());
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
                {"SLACK_BOT_TOKEN", "xoxp-user-token"}, {"SLACK_APP_TOKEN", "xoxb-not-an-app-token"}}) {
            Map<String, String> env = minimal();
            env.put(bad[0], bad[1]);
            assertTrue(error(env).startsWith(bad[0]), bad[0] + ": " + error(env));
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
}
