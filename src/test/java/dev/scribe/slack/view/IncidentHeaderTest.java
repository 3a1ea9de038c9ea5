package dev.scribe.slack.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.util.json.GsonFactory;
import dev.scribe.incident.Incident;
import dev.scribe.incident.ReactionMap;
import dev.scribe.incident.RoleHolders;
import dev.scribe.incident.Roles;
import dev.scribe.incident.Severity;
import dev.scribe.incident.Status;
import dev.scribe.report.KeyTimings;
import dev.scribe.slack.SlackMessage;
import dev.scribe.testing.BlockKit;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The pinned header: its controls and their ids, the roles, the legend, and Slack's limits with hostile titles. */
class IncidentHeaderTest {

    private static final Gson JSON = GsonFactory.createSnakeCase();
    private static final Instant START = Instant.parse("2026-12-01T19:16:00Z");
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static Incident incident(int number, String title, Instant closedAt) {
        return new Incident(number, title, Severity.SEV2, Status.IDENTIFIED, "C0INC", "C0OPS", "U1", "U1",
                START, closedAt, null, "1764616560.000100", 0);
    }

    private static RoleHolders roles(String... holders) {
        List<RoleHolders.Holder> list = new ArrayList<>();
        list.add(new RoleHolders.Holder(Roles.COMMANDER, Optional.of("U1")));
        for (int i = 0; i < holders.length; i++) {
            list.add(new RoleHolders.Holder(holders[i], i % 2 == 0 ? Optional.empty() : Optional.of("U" + (i + 2))));
        }
        return new RoleHolders(list);
    }

    private static JsonArray blocks(SlackMessage m) {
        return JsonParser.parseString(JSON.toJson(m.blocks())).getAsJsonArray();
    }

    private static String json(SlackMessage m) {
        return JSON.toJson(m.blocks()).replace("\\u003c", "<").replace("\\u003e", ">");
    }

    private static JsonObject block(JsonArray blocks, String blockId) {
        for (JsonElement b : blocks) {
            JsonObject block = b.getAsJsonObject();
            if (block.has("block_id") && block.get("block_id").getAsString().equals(blockId)) {
                return block;
            }
        }
        throw new AssertionError("no block " + blockId + " in " + blocks);
    }

    @Test
    void anOpenIncidentsHeaderCarriesEveryControlInBlocksEndingWithItsNumber() {
        SlackMessage header = IncidentHeader.of(incident(4, "Checkout errors", null), roles("comms"), null, UTC,
                ReactionMap.defaults());
        JsonArray blocks = blocks(header);
        assertEquals(List.of(), BlockKit.violations(blocks));
        JsonArray controls = block(blocks, "incident_header_controls:4").getAsJsonArray("elements");
        List<String> ids = new ArrayList<>();
        controls.forEach(e -> ids.add(e.getAsJsonObject().get("action_id").getAsString()));
        assertEquals(List.of("incident_status", "incident_severity", "incident_add_action", "incident_add_note",
                "incident_close"), ids);
        assertEquals("identified", controls.get(0).getAsJsonObject().getAsJsonObject("initial_option").get("value")
                .getAsString(), "the status select shows the status in force");
        assertEquals("SEV2", controls.get(1).getAsJsonObject().getAsJsonObject("initial_option").get("value").getAsString());
        for (int i = 2; i < 5; i++) {
            assertEquals("4", controls.get(i).getAsJsonObject().get("value").getAsString(), "buttons carry the number");
        }
        JsonObject commander = block(blocks, "incident_header_role_commander:4").getAsJsonObject("accessory");
        assertEquals("incident_role:commander", commander.get("action_id").getAsString());
        assertEquals("U1", commander.get("initial_user").getAsString());
        JsonObject comms = block(blocks, "incident_header_role_comms:4");
        assertEquals("incident_role:comms", comms.getAsJsonObject("accessory").get("action_id").getAsString());
        assertFalse(comms.getAsJsonObject("accessory").has("initial_user"), "nobody holds it yet");
        assertTrue(comms.getAsJsonObject("text").get("text").getAsString().contains("nobody yet"));
        for (JsonElement b : blocks) {
            JsonObject block = b.getAsJsonObject();
            if (block.has("block_id")) {
                assertEquals(OptionalInt.of(4), HeaderControls.incidentNumber(block.get("block_id").getAsString()));
                assertTrue(HeaderControls.isHeaderBlock(block.get("block_id").getAsString()));
            }
        }
    }

    @Test
    void aClosedIncidentsHeaderHasNoControlsButStillNamesWhoHeldEachRole() {
        SlackMessage header = IncidentHeader.of(incident(4, "Checkout errors", START.plusSeconds(3600)),
                roles("comms", "scribe"), null, UTC, ReactionMap.defaults());
        String json = json(header);
        assertEquals(List.of(), BlockKit.violations(blocks(header)));
        assertFalse(json.contains("incident_header_controls"), json);
        assertFalse(json.contains("action_id"), json);
        assertTrue(json.contains("*Status*\\nClosed"), json);
        assertTrue(json.contains("*Commander*  <@U1>"), json);
        assertTrue(json.contains("*Scribe*  <@U3>"), json);
    }

    @Test
    void theHeaderTeachesEveryKindOfTheTableInForceInOneLine() {
        String defaults = json(IncidentHeader.of(incident(1, "x", null), roles(), null, UTC, ReactionMap.defaults()));
        for (String emoji : List.of(":pushpin:", ":round_pushpin:", ":boom:", ":rotating_light:", ":eyes:", ":bulb:",
                ":adhesive_bandage:", ":white_check_mark:", ":memo:", ":sparkles:", ":warning:")) {
            assertTrue(defaults.contains(emoji), emoji + " in " + defaults);
        }
        String changed = json(IncidentHeader.of(incident(1, "x", null), roles(), null, UTC,
                ReactionMap.parse("stopwatch=key,warning=none")));
        assertTrue(changed.contains(":pushpin: or :round_pushpin: or :stopwatch: key event"), changed);
        assertFalse(changed.contains(":warning:"), changed);
        assertFalse(changed.contains("went badly"), "no emoji marks it any more: " + changed);
    }

    @Test
    void theStartedFallbackNamesTheZone() {
        String header = json(IncidentHeader.of(incident(1, "x", null), roles(), null, UTC, ReactionMap.defaults()));
        assertTrue(header.contains("{date_short_pretty} {time}|2026-12-01 19:16 UTC>"), header);
    }

    @Test
    void hostileAndLongestTitlesWithTheMostRolesAndKeyTimingsStayWithinSlacksLimits() {
        String longest = "🔥".repeat(100);
        String hostile = "<!channel> <@U1> & <https://evil.example|click> " + "x".repeat(50);
        List<String> most = new ArrayList<>();
        for (int i = 1; i < Roles.MAX_ROLES; i++) {
            most.add(("role-" + i + "-" + "abcdefghijklmnopqrstuvwxyz").substring(0, Roles.MAX_NAME_LENGTH));
        }
        RoleHolders holders = roles(most.toArray(String[]::new));
        KeyTimings timings = KeyTimings.derive(START, null, List.of());
        for (String title : List.of(longest, hostile)) {
            for (Instant closed : new Instant[] {null, START.plusSeconds(60)}) {
                SlackMessage header = IncidentHeader.of(incident(123456789, title, closed), holders, timings, UTC,
                        ReactionMap.defaults());
                assertEquals(List.of(), BlockKit.violations(blocks(header)), title);
                assertFalse(header.text().contains("<!channel>"), "the message text pings nobody: " + header.text());
            }
        }
    }

    @Test
    void blockIdsTellTheirIncidentNumberOnlyWhenTheyEndWithOne() {
        assertEquals(OptionalInt.of(12), HeaderControls.incidentNumber("incident_reminder:12"));
        assertEquals(OptionalInt.of(3), HeaderControls.incidentNumber("incident_header_role_comms:3"));
        for (String bad : new String[] {null, "", "incident_header_controls", "incident_header_controls:",
                "incident_header_controls:-1", "incident_header_controls:0", "x:12a", "x:99999999999", "x:１２"}) {
            assertEquals(OptionalInt.empty(), HeaderControls.incidentNumber(bad), String.valueOf(bad));
        }
        assertFalse(HeaderControls.isHeaderBlock("incident_reminder:12"));
        assertEquals(Optional.of("ops-lead"), HeaderControls.roleOf("incident_role:ops-lead"));
        assertEquals(Optional.empty(), HeaderControls.roleOf("incident_status"));
    }
}
