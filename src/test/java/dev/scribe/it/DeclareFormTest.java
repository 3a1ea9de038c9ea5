package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.OPS;
import static dev.scribe.it.RunningScribe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scribe.slack.view.DeclareModal;
import dev.scribe.testing.FakeSlackApi;
import dev.scribe.testing.FakeSlackApi.PostedMessage;
import dev.scribe.testing.SlackSigner;
import dev.scribe.testing.Triggers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Declaring an incident from the form, through the real servlet: the modal from the global shortcut and from a bare
 * {@code /incident start}, opened within its trigger's life; submitted, it starts the incident as the command does;
 * bad titles come back inline; forged, malformed and repeated submissions change nothing.
 */
class DeclareFormTest {

    private static final String DM_ALICE = "D" + ALICE;

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withDefaults();

    private static FakeSlackApi.View shortcutModal(RunningScribe bot, String user) {
        int before = bot.slack.modals(DeclareModal.CALLBACK_ID).size();
        HttpResponse<String> ack = bot.http().interaction(Interactions.globalShortcut(user, DeclareModal.SHORTCUT_CALLBACK_ID));
        assertEquals(200, ack.statusCode(), ack.body());
        List<FakeSlackApi.View> modals = bot.slack.modals(DeclareModal.CALLBACK_ID);
        assertEquals(before + 1, modals.size(), "the modal is open by the time the shortcut is acknowledged");
        return modals.get(modals.size() - 1);
    }

    private static FakeSlackApi.View commandModal(RunningScribe bot, String user, String channel, String text) {
        int before = bot.slack.modals(DeclareModal.CALLBACK_ID).size();
        RunningScribe.Reply reply = bot.command(user, channel, text);
        assertEquals(200, reply.ack().statusCode(), reply.ack().body());
        List<FakeSlackApi.View> modals = bot.slack.modals(DeclareModal.CALLBACK_ID);
        assertEquals(before + 1, modals.size(), "the modal is open by the time the command is acknowledged: "
                + reply.ack().body());
        return modals.get(modals.size() - 1);
    }

    private static HttpResponse<String> submit(RunningScribe bot, String payload) {
        HttpResponse<String> ack = bot.http().interaction(payload);
        assertTrue(ack.statusCode() < 500, ack.statusCode() + " " + ack.body());
        return ack;
    }

    /** The inline errors of a view_submission's ack, by block id; none when the ack closes the modal. */
    private static Map<String, String> inlineErrors(HttpResponse<String> ack) {
        assertEquals(200, ack.statusCode(), ack.body());
        if (ack.body().isBlank()) {
            return Map.of();
        }
        JsonObject body = JsonParser.parseString(ack.body()).getAsJsonObject();
        if (!body.has("errors")) {
            return Map.of();
        }
        assertEquals("errors", body.get("response_action").getAsString());
        Map<String, String> errors = new java.util.TreeMap<>();
        body.getAsJsonObject("errors").entrySet().forEach(e -> errors.put(e.getKey(), e.getValue().getAsString()));
        return errors;
    }

    private static String awaitIncidentChannel(RunningScribe bot, int count) {
        List<FakeSlackApi.Channel> channels = bot.slack.await(bot::incidentChannels, c -> c.size() >= count, WAIT);
        String channel = channels.get(count - 1).id();
        bot.slack.await(() -> bot.slack.pinned(channel), p -> !p.isEmpty(), WAIT);
        return channel;
    }

    private static PostedMessage awaitDm(RunningScribe bot, String contains) {
        return bot.slack.await(() -> bot.slack.messages(DM_ALICE).stream().filter(m -> m.text().contains(contains)).findFirst(),
                Optional::isPresent, WAIT).orElseThrow();
    }

    @Test
    void theShortcutOpensTheFormAndItsSubmissionOpensTheIncidentAndTellsTheDeclarerByDirectMessage(RunningScribe bot)
            throws Exception {
        FakeSlackApi.View modal = shortcutModal(bot, ALICE);
        assertEquals("Declare an incident", modal.title());
        assertEquals(DeclareModal.Origin.NOWHERE, DeclareModal.Origin.decode(modal.privateMetadata()));
        assertTrue(modal.json().toString().contains(DeclareModal.PRIVATE_BLOCK), "groups:write is granted: " + modal.json());

        HttpResponse<String> ack = submit(bot, ViewForm.of(modal)
                .text(DeclareModal.TITLE_BLOCK, "Checkout <!channel> errors")
                .select(DeclareModal.SEVERITY_BLOCK, "SEV2")
                .text(DeclareModal.KNOWN_BLOCK, "EU customers get 500s at checkout\nsince about 09:10 <@U1>")
                .submission(ALICE));
        assertEquals(Map.of(), inlineErrors(ack));

        String channel = awaitIncidentChannel(bot, 1);
        assertTrue(bot.slack.members(channel).contains(ALICE), "the declarer is invited");
        PostedMessage dm = awaitDm(bot, "incident 1");
        assertEquals(":rotating_light: You declared *incident 1*: Checkout &lt;!channel&gt; errors (SEV2) in <#" + channel
                + ">.", dm.text());
        assertEquals(1, bot.slack.pinned(channel).size(), "one pinned header");
        assertEquals(List.of(), bot.slack.topLevelMessages(OPS), "a global shortcut has no channel to announce in");

        bot.command(ALICE, channel, "close").assertInChannel("closed *incident 1*");
        String markdown = bot.awaitReport(1).contentAsUtf8();
        String impact = markdown.substring(markdown.indexOf("## Impact"), markdown.indexOf("## Timeline"));
        assertTrue(impact.contains("Known when it was declared:"), impact);
        // A form's text is plain: a typed mention is text, shown as typed and pinging no one.
        assertTrue(impact.contains("- EU customers get 500s at checkout\n  since about 09:10 &lt;@U1&gt; (@Alice)"), impact);
        String timeline = markdown.substring(markdown.indexOf("## Timeline"), markdown.indexOf("## Technical"));
        assertTrue(timeline.indexOf("| Started |") < timeline.indexOf("| Impact | @Alice | EU customers"), timeline);
        assertTrue(markdown.startsWith("# Incident 1: Checkout &lt;!channel&gt; errors"), markdown.lines().findFirst().orElse(""));
    }

    @Test
    void aBareStartOpensTheFormAndItsSubmissionAnnouncesOnceWhereTheCommandRan(RunningScribe bot) throws Exception {
        FakeSlackApi.View modal = commandModal(bot, ALICE, OPS, "start sev1");
        assertEquals(OPS, DeclareModal.Origin.decode(modal.privateMetadata()).channelId());
        String submission = ViewForm.of(modal).text(DeclareModal.TITLE_BLOCK, "Payments queue stuck").submission(ALICE);
        assertEquals(Map.of(), inlineErrors(submit(bot, submission)));
        // Slack's retry, or a replay, of the same submission: acknowledged, and nothing more.
        assertEquals(Map.of(), inlineErrors(submit(bot, submission)));

        String channel = awaitIncidentChannel(bot, 1);
        PostedMessage announcement = bot.awaitAnnouncement(OPS, channel);
        assertTrue(announcement.text().contains("opened *incident 1*: Payments queue stuck (SEV1)"), announcement.text());
        assertTrue(modal.json().toString().contains("\"value\":\"SEV1\""), "the severity typed is preset");

        // A later start queued behind the repeat has finished: a second incident from the repeat would exist by now.
        bot.startIncident(BOB, "Something else");
        assertEquals(2, bot.incidentChannels().size(), bot.incidentChannels().toString());
        assertEquals(1, bot.slack.topLevelMessages(OPS).stream().filter(m -> m.text().contains("Payments queue stuck")).count());
        assertEquals(1, bot.slack.pinned(channel).size());
        assertEquals(2L, bot.tableCounts().get("INCIDENTS"));
    }

    @Test
    void openIncidentsAreListedAboveTheForm(RunningScribe bot) {
        String channel = bot.startIncident(BOB, "Search is slow");
        String text = shortcutModal(bot, ALICE).allText();
        assertTrue(text.contains("An incident is already open."), text);
        assertTrue(text.contains("*1* Search is slow (SEV3) <#" + channel + ">"), text);
    }

    @Test
    void anEmptyOrTooLongTitleOrTextComesBackOnItsFieldAndNothingIsCreated(RunningScribe bot) throws Exception {
        Map<String, Long> rows = bot.tableCounts();
        FakeSlackApi.View modal = shortcutModal(bot, ALICE);

        assertEquals(Map.of(DeclareModal.TITLE_BLOCK, "An incident needs a title."),
                inlineErrors(submit(bot, ViewForm.of(modal).text(DeclareModal.TITLE_BLOCK, "  \n ").submission(ALICE))));
        assertEquals(Map.of(DeclareModal.TITLE_BLOCK, "The title is 101 characters long; the limit is 100. Put the details "
                        + "under What is known so far."),
                inlineErrors(submit(bot, ViewForm.of(modal).text(DeclareModal.TITLE_BLOCK, "x".repeat(101))
                        .bypassingTheClient().submission(ALICE))));
        assertEquals(Map.of(DeclareModal.KNOWN_BLOCK, "This is 3001 characters long; the limit is 3000. Add the rest in "
                        + "the incident's channel."),
                inlineErrors(submit(bot, ViewForm.of(modal).text(DeclareModal.TITLE_BLOCK, "Fine title")
                        .text(DeclareModal.KNOWN_BLOCK, "é".repeat(3001)).bypassingTheClient().submission(ALICE))));

        assertEquals(rows, bot.tableCounts(), "nothing stored");
        assertEquals(0, bot.slack.callCount("conversations.create"));

        // The same view, corrected, is still good for one incident.
        assertEquals(Map.of(), inlineErrors(submit(bot, ViewForm.of(modal).text(DeclareModal.TITLE_BLOCK, "Fine title")
                .submission(ALICE))));
        awaitIncidentChannel(bot, 1);
    }

    @Test
    void forgedInteractionsAreRefusedWith401AndChangeNothing(RunningScribe bot) throws Exception {
        Map<String, Long> rows = bot.tableCounts();
        byte[] body = Interactions.form(Interactions.globalShortcut(ALICE, DeclareModal.SHORTCUT_CALLBACK_ID))
                .getBytes(StandardCharsets.UTF_8);
        String ts = String.valueOf(bot.http().now());
        assertEquals(401, bot.http().raw(body, SignedClient.FORM).statusCode());
        assertEquals(401, bot.http().raw(body, SignedClient.FORM, "X-Slack-Request-Timestamp", ts,
                "X-Slack-Signature", new SlackSigner("not-the-secret").sign(ts, body)).statusCode());
        assertEquals(401, bot.http().signedAt(body, SignedClient.FORM, bot.http().now() - 301).statusCode());
        assertEquals(List.of(), bot.slack.views(), "no modal for a forged shortcut");
        assertEquals(rows, bot.tableCounts());
    }

    @Test
    void malformedInteractionsGetA4xxOrAnInlineErrorNeverA5xx(RunningScribe bot) throws Exception {
        Map<String, Long> rows = bot.tableCounts();
        assertClientError(bot.http().interaction(Interactions.globalShortcut(ALICE, "no_such_shortcut")));
        assertClientError(bot.http().command("payload=" + java.net.URLEncoder.encode("{not json", StandardCharsets.UTF_8)));
        assertClientError(bot.http().command("payload=" + java.net.URLEncoder.encode("{\"type\":\"shortcut\"}", StandardCharsets.UTF_8)));
        assertClientError(bot.http().command("payload="));

        FakeSlackApi.View modal = shortcutModal(bot, ALICE);
        JsonObject noState = JsonParser.parseString(ViewForm.of(modal).text(DeclareModal.TITLE_BLOCK, "x").submission(ALICE))
                .getAsJsonObject();
        noState.getAsJsonObject("view").remove("state");
        assertClientError(bot.http().interaction(noState.toString()));

        JsonObject noValues = JsonParser.parseString(noState.toString()).getAsJsonObject();
        noValues.getAsJsonObject("view").add("state", new JsonObject());
        assertClientError(bot.http().interaction(noValues.toString()));

        JsonObject otherForm = JsonParser.parseString(ViewForm.of(modal).text(DeclareModal.TITLE_BLOCK, "x").submission(ALICE))
                .getAsJsonObject();
        otherForm.getAsJsonObject("view").addProperty("callback_id", "no_such_modal");
        assertClientError(bot.http().interaction(otherForm.toString()));

        JsonObject forgedSeverity = JsonParser.parseString(ViewForm.of(modal).text(DeclareModal.TITLE_BLOCK, "x")
                .submission(ALICE)).getAsJsonObject();
        forgedSeverity.getAsJsonObject("view").getAsJsonObject("state").getAsJsonObject("values")
                .getAsJsonObject(DeclareModal.SEVERITY_BLOCK).getAsJsonObject(DeclareModal.SEVERITY_ACTION)
                .getAsJsonObject("selected_option").addProperty("value", "SEV9");
        assertEquals(Map.of(DeclareModal.SEVERITY_BLOCK, "Choose a severity."),
                inlineErrors(bot.http().interaction(forgedSeverity.toString())));

        JsonObject titleAsObject = JsonParser.parseString(ViewForm.of(modal).text(DeclareModal.TITLE_BLOCK, "x")
                .submission(ALICE)).getAsJsonObject();
        titleAsObject.getAsJsonObject("view").getAsJsonObject("state").getAsJsonObject("values")
                .getAsJsonObject(DeclareModal.TITLE_BLOCK).getAsJsonObject(DeclareModal.TITLE_ACTION)
                .add("value", new JsonObject());
        assertClientError(bot.http().interaction(titleAsObject.toString()));

        assertEquals(rows, bot.tableCounts(), "nothing stored");
        assertEquals(0, bot.slack.callCount("conversations.create"));
    }

    @Test
    void aTriggerThatExpiredIsToldByDirectMessage(RunningScribe bot) {
        JsonObject shortcut = JsonParser.parseString(Interactions.globalShortcut(ALICE, DeclareModal.SHORTCUT_CALLBACK_ID))
                .getAsJsonObject();
        shortcut.addProperty("trigger_id", Triggers.issuedAt(Instant.now().minusSeconds(10)));
        assertEquals(200, bot.http().interaction(shortcut.toString()).statusCode());
        PostedMessage dm = awaitDm(bot, "could not open the form");
        assertTrue(dm.text().contains("`expired_trigger_id`"), dm.text());
        assertEquals(List.of(), bot.slack.views());
    }

    @Test
    void aPrivateIncidentGetsAPrivateChannelAndIsNotAnnouncedInTheOpenChannel(RunningScribe bot) throws Exception {
        FakeSlackApi.View modal = commandModal(bot, ALICE, OPS, "start");
        assertEquals(Map.of(), inlineErrors(submit(bot, ViewForm.of(modal).text(DeclareModal.TITLE_BLOCK, "Leaked credentials")
                .check(DeclareModal.PRIVATE_BLOCK, DeclareModal.PRIVATE_VALUE).submission(ALICE))));
        String channel = awaitIncidentChannel(bot, 1);
        assertEquals("1", bot.slack.calls("conversations.create").get(0).param("is_private"));
        assertTrue(bot.slack.members(channel).contains(ALICE));
        List<FakeSlackApi.ResponseUrlPost> told = bot.slack.await(() -> bot.slack.responseUrlPosts("cmd-1"),
                posts -> !posts.isEmpty(), WAIT);
        assertEquals("ephemeral", told.get(0).responseType());
        assertTrue(told.get(0).text().contains("in the private channel <#" + channel + ">"), told.get(0).text());
        assertEquals(List.of(), bot.slack.topLevelMessages(OPS), "its title is not shown in #ops");

        // The next person to declare sees it listed only when they are in its channel.
        assertFalse(shortcutModal(bot, BOB).allText().contains("Leaked credentials"), "not a member");
        assertTrue(shortcutModal(bot, ALICE).allText().contains("Leaked credentials"), "a member");
        // And so does /incident list.
        assertFalse(bot.command(BOB, OPS, "list").ack().body().contains("Leaked credentials"), "not a member");
        bot.command(ALICE, OPS, "list").assertEphemeral("Leaked credentials");
    }

    @Test
    void withoutGroupsWriteOrInHereModeNoPrivateIncidentIsOffered() throws Exception {
        RunningScribe withoutScope = scribe.start(Map.of(), java.time.Clock.systemUTC());
        withoutScope.slack.grantScopes("commands", "chat:write", "channels:manage");
        withoutScope.restart();
        assertFalse(shortcutModal(withoutScope, ALICE).json().toString().contains(DeclareModal.PRIVATE_BLOCK));

        RunningScribe here = scribe.start(Map.of("SCRIBE_CHANNEL_MODE", "here"), java.time.Clock.systemUTC());
        assertFalse(shortcutModal(here, ALICE).json().toString().contains(DeclareModal.PRIVATE_BLOCK));
    }

    @Test
    void inHereModeTheFormOpensTheIncidentInTheChannelTheCommandRanIn() throws Exception {
        RunningScribe here = scribe.start(Map.of("SCRIBE_CHANNEL_MODE", "here"), java.time.Clock.systemUTC());
        FakeSlackApi.View modal = commandModal(here, ALICE, OPS, "declare");
        assertEquals(Map.of(), inlineErrors(submit(here, ViewForm.of(modal).text(DeclareModal.TITLE_BLOCK, "Disk full")
                .submission(ALICE))));
        List<FakeSlackApi.ResponseUrlPost> said = here.slack.await(() -> here.slack.responseUrlPosts("cmd-1"),
                posts -> !posts.isEmpty(), WAIT);
        assertEquals("in_channel", said.get(0).responseType());
        assertTrue(said.get(0).text().contains("opened *incident 1*: Disk full (SEV3). Everything said here"), said.get(0).text());
        here.slack.await(() -> here.slack.pinned(OPS), p -> !p.isEmpty(), WAIT);
        assertEquals(0, here.slack.callCount("conversations.create"));

        // A second form for the same channel is refused on its title field: one open incident per channel.
        FakeSlackApi.View again = shortcutModal(here, BOB);
        assertTrue(again.allText().contains("Disk full"), again.allText());
        RunningScribe.Reply refused = here.command(BOB, OPS, "start");
        refused.assertEphemeral("is already open in this channel");
    }

    private static void assertClientError(HttpResponse<String> response) {
        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, response.statusCode() + " " + response.body());
    }
}
