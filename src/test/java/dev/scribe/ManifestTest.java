package dev.scribe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.command.Command;
import dev.scribe.command.CommandParser;
import dev.scribe.slack.view.DeclareModal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** manifest.yml asks for the scopes the code uses, no more, and its usage hint names every subcommand. */
class ManifestTest {

    /** The scope each Web API method the bot calls needs (Slack's method reference). */
    private static final Map<String, List<String>> METHOD_SCOPES = Map.ofEntries(
            Map.entry("chat.postMessage", List.of("chat:write")),
            Map.entry("chat.update", List.of("chat:write")),
            Map.entry("conversations.create", List.of("channels:manage")),
            Map.entry("conversations.invite", List.of("channels:manage")),
            Map.entry("conversations.join", List.of("channels:join")),
            Map.entry("conversations.info", List.of("channels:read", "groups:read")),
            Map.entry("conversations.members", List.of("channels:read", "groups:read")),
            Map.entry("conversations.list", List.of("channels:read")),
            // The outbox also looks in the direct messages it posted notices to.
            Map.entry("conversations.history", List.of("channels:history", "groups:history", "im:history")),
            Map.entry("conversations.replies", List.of("channels:history", "groups:history", "im:history")),
            Map.entry("conversations.open", List.of("im:write")),
            Map.entry("pins.add", List.of("pins:write")),
            Map.entry("files.getUploadURLExternal", List.of("files:write")),
            Map.entry("files.completeUploadExternal", List.of("files:write")),
            Map.entry("files.info", List.of("files:read")),
            Map.entry("users.info", List.of("users:read")),
            // The interactive surface needs no scope of its own: views.* ride on the trigger or the app's Home, and a
            // message's link is Slack's to give.
            Map.entry("views.open", List.of()),
            Map.entry("views.publish", List.of()),
            Map.entry("chat.getPermalink", List.of()),
            Map.entry("auth.test", List.of()));

    /** The scope each bot event needs. */
    private static final Map<String, List<String>> EVENT_SCOPES = Map.of(
            "message.channels", List.of("channels:history"), "message.groups", List.of("groups:history"),
            "reaction_added", List.of("reactions:read"), "reaction_removed", List.of("reactions:read"),
            "app_home_opened", List.of());

    private static final Pattern CALL = Pattern.compile("SlackCalls\\.require\\(\"([a-zA-Z]+\\.[a-zA-Z]+)\"");

    private static List<String> manifestList(List<String> lines, String key) {
        List<String> out = new ArrayList<>();
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(key + ":")) {
                at = i;
            }
        }
        assertTrue(at >= 0, key + " in manifest.yml");
        for (int i = at + 1; i < lines.size() && lines.get(i).strip().startsWith("- "); i++) {
            out.add(lines.get(i).strip().substring(2).strip());
        }
        return out;
    }

    @Test
    void theManifestAsksForWhatTheCodeUsesAndNothingElse() throws IOException {
        List<String> manifest = Files.readAllLines(Path.of("manifest.yml"));
        Set<String> needed = new TreeSet<>(List.of("commands", "chat:write",
                // Bolt's IgnoringSelfEvents calls bots.info for bot messages.
                "users:read"));
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = CALL.matcher(Files.readString(file));
                while (m.find()) {
                    List<String> scopes = METHOD_SCOPES.get(m.group(1));
                    assertTrue(scopes != null, file + " calls " + m.group(1) + ": add its scope to this test and the manifest");
                    needed.addAll(scopes);
                }
            }
        }
        // conversations.create with is_private: the declare form's private incidents.
        needed.add("groups:write");
        for (String event : manifestList(manifest, "bot_events")) {
            assertTrue(EVENT_SCOPES.containsKey(event), "the scope of event " + event);
            needed.addAll(EVENT_SCOPES.get(event));
        }
        assertEquals(needed, new TreeSet<>(manifestList(manifest, "bot")));
    }

    @Test
    void interactivityGoesToTheSameUrlAndTheShortcutIsTheOneTheCodeListensFor() throws IOException {
        List<String> manifest = Files.readAllLines(Path.of("manifest.yml")).stream().map(String::strip).toList();
        int interactivity = manifest.indexOf("interactivity:");
        assertTrue(interactivity >= 0, "settings.interactivity in manifest.yml");
        assertEquals("is_enabled: true", manifest.get(interactivity + 1));
        assertEquals("request_url: https://YOUR-HOST/slack/events", manifest.get(interactivity + 2));
        int shortcut = manifest.indexOf("callback_id: " + DeclareModal.SHORTCUT_CALLBACK_ID);
        assertTrue(shortcut >= 0, "the declare shortcut in manifest.yml");
        assertEquals("type: global", manifest.get(shortcut - 1));
        String name = manifest.get(shortcut - 2);
        assertTrue(name.startsWith("- name: ") && name.length() - "- name: ".length() <= 24,
                "a shortcut's name is at most 24 characters: " + name);
    }

    @Test
    void theManifestDeclaresTheMessageShortcutTheHomeTabAndItsEvent() throws IOException {
        List<String> manifest = Files.readAllLines(Path.of("manifest.yml")).stream().map(String::strip).toList();
        assertTrue(manifest.contains("callback_id: " + dev.scribe.slack.view.AddToTimelineModal.SHORTCUT), "the shortcut");
        int shortcut = manifest.indexOf("callback_id: " + dev.scribe.slack.view.AddToTimelineModal.SHORTCUT);
        assertEquals("type: message", manifest.get(shortcut - 1));
        String name = manifest.get(shortcut - 2).substring("- name: ".length());
        assertTrue(name.length() <= 24, "Slack's manifest allows 24 characters of shortcut name: " + name);
        assertTrue(manifest.contains("home_tab_enabled: true"), "the Home tab");
        assertTrue(manifestList(Files.readAllLines(Path.of("manifest.yml")), "bot_events").contains("app_home_opened"));
        int interactivity = manifest.indexOf("interactivity:");
        assertTrue(interactivity > 0 && manifest.get(interactivity + 1).equals("is_enabled: true"), "interactivity on");
    }

    /** The parser knows the word: it parses it, or refuses what follows it, but never calls it unknown. */
    private static boolean isSubcommand(String word) {
        try {
            return !(CommandParser.parse(word + " 1") instanceof Command.Unknown);
        } catch (RuntimeException refusedArguments) {
            return true;
        }
    }

    @Test
    void theUsageHintNamesEverySubcommand() throws IOException {
        String hint = Files.readAllLines(Path.of("manifest.yml")).stream().map(String::strip)
                .filter(l -> l.startsWith("usage_hint:")).findFirst().orElseThrow();
        List<String> subcommands = List.of("start", "note", "at", "status", "sev", "lead", "action", "timeline",
                "close", "reopen", "repost", "list", "help");
        for (String word : subcommands) {
            assertTrue(isSubcommand(word), word + " is a subcommand");
            assertTrue(Pattern.compile("[\" |]" + word + "[\" ]").matcher(hint).find(), word + " in " + hint);
        }
    }
}
