package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.WAIT;
import static dev.scribe.it.RunningScribe.ZOE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.slack.api.util.json.GsonFactory;
import dev.scribe.slack.view.ActionItemModal;
import dev.scribe.slack.view.CloseModal;
import dev.scribe.slack.view.HeaderControls;
import dev.scribe.slack.view.NoteModal;
import dev.scribe.testing.FakeSlackApi;
import dev.scribe.testing.FakeSlackApi.PostedMessage;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pinned header's controls through the real servlet, signed like Slack's requests: each records what its command
 * records, as done by whoever used it, tells the channel, and updates the header once; on a closed incident, an
 * outdated header or a malformed payload, nothing changes.
 */
class HeaderControlsTest {

    private static final String CLOSED = "Incident 1 is closed; `/incident reopen` in its channel to continue.";

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withEnv(Map.of("SCRIBE_ROLES", "comms"))
            .withIncident(ALICE, "Checkout errors after deploy");

    private final AtomicInteger responses = new AtomicInteger();

    private static PostedMessage header(RunningScribe bot, String channel) {
        String ts = bot.slack.pinned(channel).get(0);
        return bot.slack.message(channel, ts).orElseThrow();
    }

    /** A control used on {@code message}; returns the id of its response_url. */
    private String use(RunningScribe bot, Function<String, String> payload) {
        String id = "control-" + responses.incrementAndGet();
        HttpResponse<String> ack = bot.http().interaction(payload.apply(bot.slack.responseUrl(id)));
        assertEquals(200, ack.statusCode(), ack.body());
        return id;
    }

    private static long entries(RunningScribe bot, String kind, String author, String body) throws SQLException {
        return bot.count("SELECT COUNT(*) FROM timeline_entries WHERE kind = ? AND author_id = ? AND body = ?",
                kind, author, body);
    }

    /** Waits for the channel to be told {@code text} and the header to show {@code shown}. */
    private static void awaitTold(RunningScribe bot, String channel, String text, String shown) {
        bot.slack.await(() -> bot.slack.topLevelMessages(channel), m -> m.stream().anyMatch(p -> p.text().contains(text)),
                WAIT);
        bot.slack.await(() -> RoleCommandTest.readable(header(bot, channel).blocksJson()), b -> b.contains(shown), WAIT);
    }

    /**
     * Checks that each of {@code controls} updated the header once: after a command's refresh (header refreshes run
     * one at a time, in order) shows on it, it was updated once for each control and once for the command.
     */
    private static void assertHeaderUpdatedOncePerControl(RunningScribe bot, String channel, int before, int controls) {
        bot.command(ALICE, channel, "sev 4");
        bot.slack.await(() -> header(bot, channel).blocksJson(), b -> b.contains("*Severity*\\nSEV4"), WAIT);
        assertEquals(before + controls + 1, bot.slack.editCount(channel, header(bot, channel).ts()),
                "the header is updated once per control: " + bot.slack.callSummary());
    }

    @Test
    void statusSeverityAndEachRoleAreRecordedAsDoneByWhoeverChoseThem(RunningScribe bot, @IncidentChannel String channel)
            throws Exception {
        PostedMessage header = header(bot, channel);
        int edits = bot.slack.editCount(channel, header.ts());

        use(bot, url -> Interactions.chooseOption(BOB, header, HeaderControls.STATUS, "monitoring", url));
        awaitTold(bot, channel, "set the status to *Monitoring*", "*Status*\\nMonitoring");
        assertEquals(1, entries(bot, "STATUS", BOB, "monitoring"));

        use(bot, url -> Interactions.chooseOption(ZOE, header, HeaderControls.SEVERITY, "SEV1", url));
        awaitTold(bot, channel, "set the severity to *SEV1*", "*Severity*\\nSEV1");
        assertEquals(1, entries(bot, "SEVERITY", ZOE, "SEV1"));

        use(bot, url -> Interactions.chooseUser(BOB, header, HeaderControls.roleAction("commander"), ZOE, url));
        awaitTold(bot, channel, "is now the incident commander", "*Commander*  <@" + ZOE + ">");
        assertEquals(1, entries(bot, "LEAD", BOB, "<@" + ZOE + ">"), "recorded as lead records it");

        use(bot, url -> Interactions.chooseUser(ZOE, header, HeaderControls.roleAction("comms"), BOB, url));
        awaitTold(bot, channel, "is now *Comms* of incident 1", "*Comms*  <@" + BOB + ">");
        assertEquals(1, entries(bot, "ROLE", ZOE, "Comms: <@" + BOB + ">"));

        String blocks = RoleCommandTest.readable(header(bot, channel).blocksJson());
        assertTrue(blocks.contains("*Status*\\nMonitoring") && blocks.contains("*Severity*\\nSEV1")
                && blocks.contains("*Commander*  <@" + ZOE + ">") && blocks.contains("*Comms*  <@" + BOB + ">"), blocks);
        assertTrue(blocks.contains("\"initial_option\":{\"text\":{\"type\":\"plain_text\",\"text\":\"Monitoring\""),
                "the select shows the status in force: " + blocks);
        assertHeaderUpdatedOncePerControl(bot, channel, edits, 4);
    }

    @Test
    void theActionItemNoteAndCloseFormsRecordWhatTheirCommandsRecordAsTheSubmitter(RunningScribe bot,
                                                                                 @IncidentChannel String channel)
            throws Exception {
        PostedMessage header = header(bot, channel);
        int before = bot.slack.editCount(channel, header.ts());
        int edits = before;

        use(bot, url -> Interactions.clickButton(BOB, header, HeaderControls.ADD_ACTION, url));
        FakeSlackApi.View action = bot.slack.await(() -> bot.slack.modals(ActionItemModal.CALLBACK_ID),
                v -> v.size() == 1, WAIT).get(0);
        assertEquals("1", action.privateMetadata());
        assertEquals(200, bot.http().interaction(ViewForm.of(action)
                .text(ActionItemModal.TEXT_BLOCK, "Alert on queue depth <!channel> & R&D")
                .user(ActionItemModal.OWNER_BLOCK, ZOE).submission(BOB)).statusCode());
        awaitTold(bot, channel, "Action item added by <@" + BOB + ">", "");
        bot.slack.await(() -> bot.slack.editCount(channel, header.ts()), n -> n >= before + 1, WAIT);
        assertEquals(1, entries(bot, "ACTION_ITEM", BOB, "Alert on queue depth &lt;!channel&gt; &amp; R&amp;D <@" + ZOE
                + ">"), "typed text is stored in Slack's encoding, as a command's: it pings nobody");

        use(bot, url -> Interactions.clickButton(ZOE, header, HeaderControls.ADD_NOTE, url));
        FakeSlackApi.View note = bot.slack.await(() -> bot.slack.modals(NoteModal.CALLBACK_ID), v -> v.size() == 1, WAIT)
                .get(0);
        assertEquals(200, bot.http().interaction(ViewForm.of(note).text(NoteModal.TEXT_BLOCK, " rolled back to v2.40 ")
                .submission(ZOE)).statusCode());
        awaitTold(bot, channel, "Note added to the timeline by <@" + ZOE + ">", "");
        // Neither changes what the header shows, so wait for each update before the next change could fold into it.
        bot.slack.await(() -> bot.slack.editCount(channel, header.ts()), n -> n >= before + 2, WAIT);
        assertEquals(1, entries(bot, "NOTE", ZOE, "rolled back to v2.40"));
        assertHeaderUpdatedOncePerControl(bot, channel, edits, 2);
        edits += 3;

        use(bot, url -> Interactions.clickButton(BOB, header, HeaderControls.CLOSE, url));
        FakeSlackApi.View close = bot.slack.await(() -> bot.slack.modals(CloseModal.CALLBACK_ID), v -> v.size() == 1, WAIT)
                .get(0);
        assertTrue(close.allText().contains("Closing stops recording"), "the form is the confirmation: " + close.allText());
        assertEquals(200, bot.http().interaction(ViewForm.of(close).text(CloseModal.RESOLUTION_BLOCK, "rolled back")
                .submission(BOB)).statusCode());
        String markdown = bot.awaitReport(1).contentAsUtf8();
        assertTrue(markdown.contains("| Resolution | rolled back |"), markdown);
        assertEquals(1, entries(bot, "CLOSED", BOB, "Incident closed: rolled back"));
        awaitTold(bot, channel, "closed *incident 1*", "*Status*\\nClosed");
        String closedHeader = header(bot, channel).blocksJson();
        bot.awaitOutboxEmpty();
        assertEquals(edits + 1, bot.slack.editCount(channel, header.ts()), "the close updated the header once");
        assertTrue(closedHeader.contains("*Status*\\nClosed") && !closedHeader.contains("action_id"),
                "a closed incident's header has no controls: " + closedHeader);
    }

    @Test
    void onAClosedIncidentEveryControlSaysSoToTheClickerAloneAndChangesNothing(RunningScribe bot,
                                                                            @IncidentChannel String channel)
            throws Exception {
        PostedMessage open = header(bot, channel);
        use(bot, url -> Interactions.clickButton(BOB, open, HeaderControls.ADD_NOTE, url));
        FakeSlackApi.View noteOpenedBeforeTheClose = bot.slack.await(() -> bot.slack.modals(NoteModal.CALLBACK_ID),
                v -> v.size() == 1, WAIT).get(0);
        bot.command(ALICE, channel, "close");
        bot.awaitReport(1);
        bot.awaitOutboxEmpty();
        Map<String, Long> before = bot.tableCounts();
        int views = bot.slack.views().size();

        List<Function<String, String>> controls = List.of(
                url -> Interactions.chooseOption(BOB, open, HeaderControls.STATUS, "resolved", url),
                url -> Interactions.chooseOption(BOB, open, HeaderControls.SEVERITY, "SEV4", url),
                url -> Interactions.chooseUser(BOB, open, HeaderControls.roleAction("commander"), BOB, url),
                url -> Interactions.chooseUser(BOB, open, HeaderControls.roleAction("comms"), BOB, url),
                url -> Interactions.clickButton(BOB, open, HeaderControls.ADD_ACTION, url),
                url -> Interactions.clickButton(BOB, open, HeaderControls.ADD_NOTE, url),
                url -> Interactions.clickButton(BOB, open, HeaderControls.CLOSE, url));
        for (Function<String, String> control : controls) {
            String id = use(bot, control);
            FakeSlackApi.ResponseUrlPost answer = bot.slack.await(() -> bot.slack.responseUrlPosts(id), p -> !p.isEmpty(),
                    WAIT).get(0);
            assertEquals("ephemeral", answer.responseType());
            assertEquals(CLOSED, answer.text());
        }
        HttpResponse<String> late = bot.http().interaction(ViewForm.of(noteOpenedBeforeTheClose)
                .text(NoteModal.TEXT_BLOCK, "too late").submission(BOB));
        assertEquals(200, late.statusCode());
        assertEquals("errors", GsonFactory.createSnakeCase().fromJson(late.body(), JsonObject.class)
                .get("response_action").getAsString());
        assertTrue(late.body().contains(CLOSED), late.body());
        assertEquals(before, bot.tableCounts(), "nothing changed");
        assertEquals(views, bot.slack.views().size(), "no form opened");
    }

    @Test
    void aReminderCarriesTheSameControlsInABlockOfItsOwnAndAnOutdatedHeaderChangesNothing(RunningScribe bot,
                                                                                       @IncidentChannel String channel)
            throws Exception {
        JsonArray blocks = new JsonArray();
        JsonObject reminder = new JsonObject();
        reminder.addProperty("type", "actions");
        reminder.addProperty("block_id", "incident_reminder:1");
        JsonArray elements = new JsonArray();
        elements.add(GsonFactory.createSnakeCase().toJsonTree(HeaderControls.statusSelect(dev.scribe.incident.Status.INVESTIGATING)));
        elements.add(GsonFactory.createSnakeCase().toJsonTree(HeaderControls.addNoteButton(1)));
        reminder.add("elements", elements);
        blocks.add(reminder);
        PostedMessage reminderMessage = new PostedMessage(channel, "1764616999.000200", null, "Any update?",
                blocks.toString());
        use(bot, url -> Interactions.chooseOption(ZOE, reminderMessage, HeaderControls.STATUS, "identified", url));
        bot.slack.await(() -> bot.slack.topLevelMessages(channel),
                m -> m.stream().anyMatch(p -> p.text().contains("set the status to *Identified*")), WAIT);
        assertEquals(1, entries(bot, "STATUS", ZOE, "identified"));
        use(bot, url -> Interactions.clickButton(ZOE, reminderMessage, HeaderControls.ADD_NOTE, url));
        bot.slack.await(() -> bot.slack.modals(NoteModal.CALLBACK_ID), v -> v.size() == 1, WAIT);

        PostedMessage header = header(bot, channel);
        PostedMessage copy = new PostedMessage(channel, "1764616999.000300", null, header.text(), header.blocksJson());
        Map<String, Long> before = bot.tableCounts();
        String id = use(bot, url -> Interactions.chooseOption(BOB, copy, HeaderControls.SEVERITY, "SEV1", url));
        String answer = bot.slack.await(() -> bot.slack.responseUrlPosts(id), p -> !p.isEmpty(), WAIT).get(0).text();
        assertTrue(answer.startsWith("This is not the current header of incident 1, so nothing was changed"), answer);
        assertEquals(before, bot.tableCounts());
    }

    @Test
    void malformedAndForgedPayloadsGetA4xxOrAnInlineErrorNeverA5xxAndChangeNothing(RunningScribe bot,
                                                                                 @IncidentChannel String channel)
            throws Exception {
        PostedMessage header = header(bot, channel);
        use(bot, url -> Interactions.clickButton(BOB, header, HeaderControls.ADD_NOTE, url));
        FakeSlackApi.View note = bot.slack.await(() -> bot.slack.modals(NoteModal.CALLBACK_ID), v -> v.size() == 1, WAIT)
                .get(0);
        Map<String, Long> before = bot.tableCounts();

        String tooLong = bot.http().interaction(ViewForm.of(note).text(NoteModal.TEXT_BLOCK, "🔥".repeat(3001))
                .bypassingTheClient().submission(BOB)).body();
        assertTrue(tooLong.contains("\"response_action\":\"errors\"") && tooLong.contains(NoteModal.TEXT_BLOCK)
                && tooLong.contains("is 3001 characters long; the limit is 3000."), tooLong);
        String empty = bot.http().interaction(ViewForm.of(note).text(NoteModal.TEXT_BLOCK, "   ").bypassingTheClient()
                .submission(BOB)).body();
        assertTrue(empty.contains("A note needs text."), empty);

        JsonObject noMetadata = com.google.gson.JsonParser.parseString(ViewForm.of(note).text(NoteModal.TEXT_BLOCK, "x")
                .submission(BOB)).getAsJsonObject();
        noMetadata.getAsJsonObject("view").addProperty("private_metadata", "C0OTHER");
        assertEquals(400, bot.http().interaction(noMetadata.toString()).statusCode());
        JsonObject noState = com.google.gson.JsonParser.parseString(ViewForm.of(note).text(NoteModal.TEXT_BLOCK, "x")
                .submission(BOB)).getAsJsonObject();
        noState.getAsJsonObject("view").add("state", ViewForm.emptyState());
        assertEquals(400, bot.http().interaction(noState.toString()).statusCode());

        JsonObject unknown = com.google.gson.JsonParser.parseString(ViewForm.of(note).text(NoteModal.TEXT_BLOCK, "x")
                .submission(BOB)).getAsJsonObject();
        unknown.getAsJsonObject("view").addProperty("callback_id", "no_such_form");
        int status = bot.http().interaction(unknown.toString()).statusCode();
        assertTrue(status >= 400 && status < 500, "an unknown form: " + status);

        JsonObject noNumber = com.google.gson.JsonParser.parseString(Interactions.chooseOption(BOB, header,
                HeaderControls.STATUS, "resolved", bot.slack.responseUrl("x"))).getAsJsonObject();
        noNumber.getAsJsonArray("actions").get(0).getAsJsonObject().addProperty("block_id", "incident_header_controls");
        assertEquals(200, bot.http().interaction(noNumber.toString()).statusCode());
        JsonObject noUser = com.google.gson.JsonParser.parseString(Interactions.chooseUser(BOB, header,
                HeaderControls.roleAction("comms"), "<!channel>", bot.slack.responseUrl("y"))).getAsJsonObject();
        assertEquals(200, bot.http().interaction(noUser.toString()).statusCode());
        JsonObject unknownAction = com.google.gson.JsonParser.parseString(Interactions.clickButton(BOB, header,
                HeaderControls.CLOSE, bot.slack.responseUrl("z"))).getAsJsonObject();
        unknownAction.getAsJsonArray("actions").get(0).getAsJsonObject().addProperty("action_id", "incident_explode");
        int unknownStatus = bot.http().interaction(unknownAction.toString()).statusCode();
        assertTrue(unknownStatus < 500, "an unknown control: " + unknownStatus);

        String forged = Interactions.chooseOption(BOB, header, HeaderControls.STATUS, "resolved", bot.slack.responseUrl("f"));
        byte[] body = Interactions.form(forged).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long now = bot.http().now();
        assertEquals(401, bot.http().raw(body, SignedClient.FORM, "X-Slack-Request-Timestamp", String.valueOf(now),
                "X-Slack-Signature", "v0=" + "0".repeat(64)).statusCode());
        assertEquals(before, bot.tableCounts(), "nothing changed");
    }
}
