package dev.scribe.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackFilesUploadV2Exception;
import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.methods.response.files.FilesCompleteUploadExternalResponse;
import com.slack.api.methods.response.files.FilesGetUploadURLExternalResponse;
import com.slack.api.methods.response.files.FilesUploadV2Response;
import com.slack.api.model.Message;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.webhook.WebhookResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Drives {@link FakeSlackApi} through the real Slack Java client, checking it refuses what Slack refuses. */
class FakeSlackApiTest {

    private static final String TOKEN = "xoxb-fake-slack-test";
    private static final String GENERAL = "C0GENERAL";
    private static final String OUTSIDE = "C0OUTSIDE";
    private static final Pattern TS = Pattern.compile("\\d{10}\\.\\d{6}");
    private static final Duration WAIT = Duration.ofSeconds(5);

    private FakeSlackApi fake;
    private Slack slack;
    private MethodsClient methods;

    @BeforeEach
    void start() {
        fake = new FakeSlackApi(TOKEN);
        fake.addChannel(GENERAL, "general");
        fake.addChannel(OUTSIDE, "outside", false);
        fake.addUser("U0ALICE", "alice", "Alice");
        fake.addUser("U0BOB", "bob", "Bob");
        slack = Slack.getInstance(config(null));
        methods = slack.methods(TOKEN);
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        fake.close();
    }

    private SlackConfig config(Integer readTimeoutMillis) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        // Otherwise the client calls auth.test first to learn the team id for its metrics.
        config.setStatsEnabled(false);
        if (readTimeoutMillis != null) {
            config.setHttpClientReadTimeoutMillis(readTimeoutMillis);
        }
        return config;
    }

    // ------------------------------------------------------------ conversations.list

    @Test
    void conversationsListPagesThePublicChannelsAndOnlyThePrivateOnesTheBotIsIn() throws Exception {
        fake.addPrivateChannel("G0MINE", "mine", true);
        fake.addPrivateChannel("G0THEIRS", "theirs", false);
        for (int i = 0; i < 3; i++) {
            fake.addChannel("C0MORE" + i, "more-" + i);
        }
        java.util.List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String page = cursor;
            var list = methods.conversationsList(r -> r.limit(2).cursor(page));
            assertTrue(list.isOk(), list.getError());
            assertTrue(list.getChannels().size() <= 2);
            list.getChannels().forEach(c -> seen.add(c.getId()));
            cursor = list.getResponseMetadata().getNextCursor();
            pages++;
        } while (!cursor.isEmpty());
        assertEquals(java.util.List.of(GENERAL, OUTSIDE, "C0MORE0", "C0MORE1", "C0MORE2"), seen, "public by default");
        assertEquals(3, pages);
        var privateOnes = methods.conversationsList(r -> r.types(java.util.List.of(
                com.slack.api.model.ConversationType.PRIVATE_CHANNEL)));
        assertEquals(java.util.List.of("G0MINE"), privateOnes.getChannels().stream().map(c -> c.getId()).toList());
        assertEquals("invalid_cursor", methods.conversationsList(r -> r.cursor("bm9wZQ==")).getError());
    }

    // ------------------------------------------------------------ auth

    @Test
    void authTestNamesTheBot() throws Exception {
        AuthTestResponse auth = methods.authTest(r -> r);
        assertTrue(auth.isOk());
        assertEquals("U0BOT", auth.getUserId());
        assertEquals("B0BOT", auth.getBotId());
        assertEquals("T0TEAM", auth.getTeamId());
        assertNotNull(auth.getUrl());
    }

    @Test
    void wrongTokenIsRefusedAndNothingIsPosted() throws Exception {
        ChatPostMessageResponse r = slack.methods("xoxb-someone-else").chatPostMessage(m -> m.channel(GENERAL).text("hi"));
        assertFalse(r.isOk());
        assertEquals("invalid_auth", r.getError());
        assertTrue(fake.messages(GENERAL).isEmpty());
    }

    @Test
    void missingTokenIsNotAuthedAndUnknownMethodIs404() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> noToken = http.send(form("chat.postMessage", "channel=" + GENERAL + "&text=hi", null),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, noToken.statusCode());
        assertEquals("not_authed", json(noToken.body()).get("error").getAsString());

        HttpResponse<String> tokenParam = http.send(form("auth.test", "token=" + TOKEN, null),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(json(tokenParam.body()).get("ok").getAsBoolean());

        HttpResponse<String> unknown = http.send(form("chat.postMessag", "text=x", TOKEN), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
        assertEquals("unknown_method", json(unknown.body()).get("error").getAsString());
    }

    // ------------------------------------------------------------ chat.postMessage

    @Test
    void postedMessagesGetUniqueIncreasingTsAndAreStored() throws Exception {
        List<String> ts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            ChatPostMessageResponse r = methods.chatPostMessage(m -> m.channel(GENERAL).text("message " + n));
            assertTrue(r.isOk(), r.getError());
            assertEquals(GENERAL, r.getChannel());
            assertTrue(TS.matcher(r.getTs()).matches(), r.getTs());
            assertEquals("message " + n, r.getMessage().getText());
            ts.add(r.getTs());
        }
        for (int i = 1; i < ts.size(); i++) {
            assertTrue(ts.get(i).compareTo(ts.get(i - 1)) > 0, ts.toString());
        }
        assertEquals(ts, fake.messages(GENERAL).stream().map(FakeSlackApi.PostedMessage::ts).toList());
        assertEquals("message 3", fake.messages(GENERAL).get(3).text());
        assertEquals(5, fake.callCount("chat.postMessage"));
        assertEquals(GENERAL, fake.calls("chat.postMessage").get(0).param("channel"));
    }

    @Test
    void blocksAreStoredAsSentAndReturned() throws Exception {
        List<LayoutBlock> blocks = List.of(section("*Incident 7* opened"));
        ChatPostMessageResponse r = methods.chatPostMessage(m -> m.channel(GENERAL).text("fallback").blocks(blocks));
        assertTrue(r.isOk(), r.getError());
        assertEquals(1, r.getMessage().getBlocks().size());
        String stored = fake.messages(GENERAL).get(0).blocksJson();
        JsonArray parsed = JsonParser.parseString(stored).getAsJsonArray();
        assertEquals("*Incident 7* opened", parsed.get(0).getAsJsonObject().getAsJsonObject("text").get("text").getAsString());
    }

    @Test
    void channelRules() throws Exception {
        assertEquals("channel_not_found", methods.chatPostMessage(m -> m.channel("C0NOPE").text("x")).getError());
        assertEquals("not_in_channel", methods.chatPostMessage(m -> m.channel(OUTSIDE).text("x")).getError());
        assertTrue(fake.messages(OUTSIDE).isEmpty());

        assertTrue(methods.conversationsJoin(r -> r.channel(OUTSIDE)).isOk());
        assertTrue(methods.chatPostMessage(m -> m.channel(OUTSIDE).text("x")).isOk());
        assertTrue(fake.members(OUTSIDE).contains("U0BOT"));

        fake.addPrivateChannel("C0SECRET", "secret", false);
        assertEquals("channel_not_found", methods.chatPostMessage(m -> m.channel("C0SECRET").text("x")).getError());
        assertEquals("channel_not_found", methods.conversationsJoin(r -> r.channel("C0SECRET")).getError());
        fake.addPrivateChannel("C0INNER", "inner", true);
        assertTrue(methods.chatPostMessage(m -> m.channel("C0INNER").text("x")).isOk());
        assertEquals("method_not_supported_for_channel_type", methods.conversationsJoin(r -> r.channel("C0INNER")).getError());
    }

    @Test
    void nothingToShowIsNoText() throws Exception {
        assertEquals("no_text", methods.chatPostMessage(m -> m.channel(GENERAL)).getError());
        assertEquals("no_text", methods.chatPostMessage(m -> m.channel(GENERAL).blocksAsString("[]")).getError());
        assertTrue(fake.messages(GENERAL).isEmpty());
    }

    @Test
    void fiftyOneBlocksAreRefusedFiftyAccepted() throws Exception {
        ChatPostMessageResponse tooMany = methods.chatPostMessage(m -> m.channel(GENERAL).text("t").blocks(sections(51, "x")));
        assertFalse(tooMany.isOk());
        assertEquals("invalid_blocks", tooMany.getError());
        assertTrue(fake.messages(GENERAL).isEmpty());

        assertTrue(methods.chatPostMessage(m -> m.channel(GENERAL).text("t").blocks(sections(50, "x"))).isOk());
    }

    @Test
    void blocksThatBreakARuleAreRefusedAsSlackRefusesThemAndNothingIsPosted() throws Exception {
        // The rules themselves are BlockKitTest's; here, how a message that breaks them is answered.
        ChatPostMessageResponse tooLong = methods.chatPostMessage(m -> m.channel(GENERAL).text("t")
                .blocks(List.of(section("a".repeat(3001)))));
        assertEquals("invalid_blocks", tooLong.getError());
        assertEquals(List.of("[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]"),
                tooLong.getResponseMetadata().getMessages());
        assertEquals("invalid_blocks_format", postBlocks("[{not json"));
        // Five sections of 2,900 characters: each is fine, together they pass 12,000.
        List<LayoutBlock> five = sections(5, "b".repeat(2900));
        assertEquals("msg_blocks_too_long", methods.chatPostMessage(m -> m.channel(GENERAL).text("t").blocks(five)).getError());
        assertTrue(fake.messages(GENERAL).isEmpty());
        assertEquals(null, postBlocks("[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"h\"}},"
                + "{\"type\":\"divider\"}]"));
        assertTrue(methods.chatPostMessage(m -> m.channel(GENERAL).text("t").blocks(List.of(section("a".repeat(3000))))).isOk());
    }

    @Test
    void threadsNeedAnExistingParent() throws Exception {
        ChatPostMessageResponse bogus = methods.chatPostMessage(m -> m.channel(GENERAL).threadTs("1700000000.000001").text("r"));
        assertEquals("thread_not_found", bogus.getError());

        String parent = methods.chatPostMessage(m -> m.channel(GENERAL).text("parent")).getTs();
        // A parent in another channel does not count.
        fake.addChannel("C0OTHER", "other");
        assertEquals("thread_not_found",
                methods.chatPostMessage(m -> m.channel("C0OTHER").threadTs(parent).text("r")).getError());
        ChatPostMessageResponse reply = methods.chatPostMessage(m -> m.channel(GENERAL).threadTs(parent).text("reply"));
        assertTrue(reply.isOk(), reply.getError());
        assertEquals(parent, reply.getMessage().getThreadTs());

        assertEquals(List.of("reply"), fake.threadReplies(GENERAL, parent).stream().map(FakeSlackApi.PostedMessage::text).toList());
        assertEquals(List.of("parent"), fake.topLevelMessages(GENERAL).stream().map(FakeSlackApi.PostedMessage::text).toList());

        List<Message> thread = methods.conversationsReplies(r -> r.channel(GENERAL).ts(parent)).getMessages();
        assertEquals(List.of("parent", "reply"), thread.stream().map(Message::getText).toList());
        assertEquals(1, thread.get(0).getReplyCount());
    }

    @Test
    void seededMessagesCanBeThreadedUnder() throws Exception {
        String userMessage = fake.addMessage(GENERAL, "U0ALICE", "the site is down");
        assertTrue(methods.chatPostMessage(m -> m.channel(GENERAL).threadTs(userMessage).text("noted")).isOk());
        assertEquals(1, fake.threadReplies(GENERAL, userMessage).size());
    }

    @Test
    void metadataIsKeptAndReturnedByHistoryOnlyWhenAskedFor() throws Exception {
        Message.Metadata metadata = Message.Metadata.builder().eventType("incident_scribe_post")
                .eventPayload(Map.of("post_id", "p-1")).build();
        String ts = methods.chatPostMessage(m -> m.channel(GENERAL).text("summary").metadata(metadata)).getTs();
        assertTrue(fake.metadata(GENERAL, ts).orElseThrow().contains("p-1"));

        Message withMeta = methods.conversationsHistory(r -> r.channel(GENERAL).includeAllMetadata(true)).getMessages().get(0);
        assertEquals("incident_scribe_post", withMeta.getMetadata().getEventType());
        assertEquals("p-1", withMeta.getMetadata().getEventPayload().get("post_id"));
        assertNull(methods.conversationsHistory(r -> r.channel(GENERAL)).getMessages().get(0).getMetadata());
        assertEquals("not_in_channel", methods.conversationsHistory(r -> r.channel(OUTSIDE)).getError());
    }

    @Test
    void jsonBodiesAreAcceptedToo() throws Exception {
        String body = "{\"channel\":\"" + GENERAL + "\",\"text\":\"from json\","
                + "\"blocks\":[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"hi\"}}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(fake.apiUrl() + "chat.postMessage"))
                .header("Content-Type", "application/json; charset=utf-8").header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertTrue(json(response.body()).get("ok").getAsBoolean(), response.body());
        FakeSlackApi.PostedMessage stored = fake.messages(GENERAL).get(0);
        assertEquals("from json", stored.text());
        assertEquals("hi", JsonParser.parseString(stored.blocksJson()).getAsJsonArray().get(0).getAsJsonObject()
                .getAsJsonObject("text").get("text").getAsString());
    }

    // ------------------------------------------------------------ update, pins

    @Test
    void updateReplacesAndCountsEdits() throws Exception {
        String ts = methods.chatPostMessage(m -> m.channel(GENERAL).text("v1").blocks(List.of(section("v1")))).getTs();
        assertTrue(methods.chatUpdate(r -> r.channel(GENERAL).ts(ts).text("v2").blocks(List.of(section("v2")))).isOk());
        assertEquals("v2", fake.message(GENERAL, ts).orElseThrow().text());
        assertTrue(fake.message(GENERAL, ts).orElseThrow().blocksJson().contains("v2"));
        assertEquals(1, fake.editCount(GENERAL, ts));

        assertEquals("message_not_found", methods.chatUpdate(r -> r.channel(GENERAL).ts("1700000000.000001").text("x")).getError());
        assertEquals("invalid_blocks", methods.chatUpdate(r -> r.channel(GENERAL).ts(ts).text("v3")
                .blocks(List.of(section("c".repeat(3001))))).getError());
        assertEquals("v2", fake.message(GENERAL, ts).orElseThrow().text());
        assertEquals(1, fake.editCount(GENERAL, ts));
    }

    @Test
    void pinsAreKeptOnceAndOnlyForMessagesThatExist() throws Exception {
        String ts = methods.chatPostMessage(m -> m.channel(GENERAL).text("header")).getTs();
        assertTrue(methods.pinsAdd(r -> r.channel(GENERAL).timestamp(ts)).isOk());
        assertEquals("already_pinned", methods.pinsAdd(r -> r.channel(GENERAL).timestamp(ts)).getError());
        assertEquals("message_not_found", methods.pinsAdd(r -> r.channel(GENERAL).timestamp("1700000000.000001")).getError());
        assertEquals(List.of(ts), fake.pinned(GENERAL));
    }

    // ------------------------------------------------------------ conversations

    @Test
    void conversationsCreateValidatesNamesLikeSlack() throws Exception {
        ConversationsCreateResponse good = methods.conversationsCreate(r -> r.name("inc-7-db-outage").isPrivate(false));
        assertTrue(good.isOk(), good.getError());
        String id = good.getChannel().getId();
        assertTrue(id.startsWith("C"));
        assertEquals("inc-7-db-outage", good.getChannel().getName());
        assertEquals(id, fake.channelByName("inc-7-db-outage").orElseThrow().id());
        assertTrue(fake.members(id).contains("U0BOT"), "the creator is a member");

        assertEquals("name_taken", methods.conversationsCreate(r -> r.name("inc-7-db-outage")).getError());
        assertEquals("name_taken", methods.conversationsCreate(r -> r.name("general")).getError());
        assertEquals("invalid_name_specials", methods.conversationsCreate(r -> r.name("Inc-8")).getError());
        assertEquals("invalid_name_specials", methods.conversationsCreate(r -> r.name("inc 8")).getError());
        assertEquals("invalid_name_specials", methods.conversationsCreate(r -> r.name("inc.8")).getError());
        assertEquals("invalid_name_maxlength", methods.conversationsCreate(r -> r.name("a".repeat(81))).getError());
        assertEquals("invalid_name_required", methods.conversationsCreate(r -> r.name("")).getError());
        assertTrue(methods.conversationsCreate(r -> r.name("a".repeat(80))).isOk());
        assertEquals(4, fake.channels().size(), "general, outside and the two created");
    }

    @Test
    void channelCreationCanBeDenied() throws Exception {
        fake.denyChannelCreation("missing_scope");
        ConversationsCreateResponse denied = methods.conversationsCreate(r -> r.name("inc-9"));
        assertEquals("missing_scope", denied.getError());
        assertEquals("channels:manage", denied.getNeeded());
        assertNotNull(denied.getProvided());
        assertTrue(fake.channelByName("inc-9").isEmpty());
    }

    @Test
    void inviteRecordsMembersAndRefusesRepeats() throws Exception {
        String id = methods.conversationsCreate(r -> r.name("inc-10")).getChannel().getId();
        assertTrue(methods.conversationsInvite(r -> r.channel(id).users(List.of("U0ALICE", "U0BOB"))).isOk());
        assertEquals(List.of("U0BOT", "U0ALICE", "U0BOB"), fake.members(id));
        assertEquals("already_in_channel", methods.conversationsInvite(r -> r.channel(id).users(List.of("U0ALICE"))).getError());
        assertEquals("channel_not_found", methods.conversationsInvite(r -> r.channel("C0NOPE").users(List.of("U0ALICE"))).getError());
        assertEquals("user_not_found", methods.conversationsInvite(r -> r.channel(GENERAL).users(List.of("U0GHOST"))).getError());
        assertEquals("cant_invite_self", methods.conversationsInvite(r -> r.channel(GENERAL).users(List.of("U0BOT"))).getError());
    }

    @Test
    void theBotJoinsAPublicChannelButNoPrivateOne() throws Exception {
        assertEquals("not_in_channel", methods.chatPostMessage(m -> m.channel(OUTSIDE).text("hello")).getError());
        assertTrue(methods.conversationsJoin(r -> r.channel(OUTSIDE)).isOk());
        assertTrue(fake.members(OUTSIDE).contains(FakeSlackApi.BOT_USER_ID));
        assertEquals("already_in_channel", methods.conversationsJoin(r -> r.channel(OUTSIDE)).getWarning());
        assertTrue(methods.chatPostMessage(m -> m.channel(OUTSIDE).text("hello")).isOk());
        fake.addPrivateChannel("C0SECRET", "secret", false);
        assertEquals("channel_not_found", methods.conversationsJoin(r -> r.channel("C0SECRET")).getError());
    }

    // ------------------------------------------------------------ users, bots

    @Test
    void usersInfoKnowsRegisteredUsersOnlyAndCountsCalls() throws Exception {
        var alice = methods.usersInfo(r -> r.user("U0ALICE"));
        assertTrue(alice.isOk());
        assertEquals("Alice", alice.getUser().getProfile().getDisplayName());
        assertEquals("alice", alice.getUser().getName());
        assertEquals("user_not_found", methods.usersInfo(r -> r.user("U0GHOST")).getError());
        assertEquals(2, fake.callCount("users.info"));
    }

    @Test
    void botsInfoMapsBotToUser() throws Exception {
        assertEquals("U0BOT", methods.botsInfo(r -> r.bot("B0BOT")).getBot().getUserId());
        assertEquals("A0APP", methods.botsInfo(r -> r.bot("B0BOT")).getBot().getAppId());
        assertEquals("UB0OTHER", methods.botsInfo(r -> r.bot("B0OTHER")).getBot().getUserId());
    }

    // ------------------------------------------------------------ files

    @Test
    void filesUploadV2StoresTheExactUtf8Bytes() throws Exception {
        String parent = methods.chatPostMessage(m -> m.channel(GENERAL).text("summary")).getTs();
        String markdown = "# Incident 7 🚒\n\n- Root cause: utf8mb3 ≠ utf8mb4 😬\n- Fixed ✅\n";
        byte[] bytes = markdown.getBytes(StandardCharsets.UTF_8);
        assertNotEquals(markdown.length(), bytes.length, "the test needs multi-byte characters");

        FilesUploadV2Response response = methods.filesUploadV2(r -> r.channel(GENERAL).threadTs(parent)
                .filename("incident-7-rca.md").title("Incident 7 RCA").content(markdown).initialComment("The RCA"));
        assertTrue(response.isOk(), response.getError());
        String fileId = response.getFile().getId();
        assertEquals("Incident 7 RCA", response.getFile().getTitle());
        assertEquals("OK - " + bytes.length, response.getUploadResponses().get(fileId).getBody());
        assertEquals(String.valueOf(bytes.length), fake.calls("files.getUploadURLExternal").get(0).param("length"));

        FakeSlackApi.UploadedFile file = fake.uploadedFiles().get(0);
        assertEquals(fileId, file.id());
        assertEquals("incident-7-rca.md", file.filename());
        assertEquals("Incident 7 RCA", file.title());
        assertEquals(GENERAL, file.channelId());
        assertEquals(parent, file.threadTs());
        assertEquals("The RCA", file.initialComment());
        assertArrayEquals(bytes, file.content());
        assertEquals(markdown, file.contentAsUtf8());

        var info = methods.filesInfo(r -> r.file(fileId));
        assertTrue(info.getFile().getShares().getPublicChannels().containsKey(GENERAL));

        // Slack completes an upload once.
        FilesCompleteUploadExternalResponse again = methods.filesCompleteUploadExternal(r -> r
                .files(List.of(details(fileId, "again"))).channelId(GENERAL));
        assertEquals("file_not_found", again.getError());
        assertEquals(1, fake.uploadedFiles().size());
    }

    @Test
    void completingWithoutUploadingIsFileNotFound() throws Exception {
        FilesGetUploadURLExternalResponse target = methods.filesGetUploadURLExternal(r -> r.filename("a.md").length(3));
        assertTrue(target.isOk());
        assertTrue(target.getUploadUrl().startsWith("http://127.0.0.1:" + fake.port() + "/upload/"));
        assertEquals("file_not_found", methods.filesCompleteUploadExternal(r -> r
                .files(List.of(details(target.getFileId(), "a")))).getError());
        assertEquals("file_not_found", methods.filesCompleteUploadExternal(r -> r
                .files(List.of(details("F0NEVER", "a")))).getError());
        assertEquals("invalid_arguments", methods.filesGetUploadURLExternal(r -> r.filename("a.md")).getError());
        assertTrue(fake.uploadedFiles().isEmpty());
    }

    @Test
    void uploadToAnUnknownChannelIsChannelNotFound() throws Exception {
        SlackFilesUploadV2Exception e = assertThrows(SlackFilesUploadV2Exception.class,
                () -> methods.filesUploadV2(r -> r.channel("C0NOPE").filename("a.md").content("hi")));
        assertEquals("channel_not_found", e.getCompleteResponse().getError());
        assertTrue(fake.uploadedFiles().isEmpty());
    }

    @Test
    void multipartUploadsAreDecoded() throws Exception {
        FilesGetUploadURLExternalResponse target = methods.filesGetUploadURLExternal(r -> r.filename("m.md").length(4));
        String boundary = "XyZ";
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"filename\"\r\n\r\nm.md\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m.md\"\r\n"
                + "Content-Type: text/markdown\r\n\r\nü!\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> upload = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(target.getUploadUrl()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, upload.statusCode());
        assertEquals("OK - 3", upload.body());
        assertTrue(methods.filesCompleteUploadExternal(r -> r.files(List.of(details(target.getFileId(), "m")))
                .channelId(GENERAL)).isOk());
        assertEquals("ü!", fake.uploadedFiles().get(0).contentAsUtf8());
    }

    // ------------------------------------------------------------ failure injection

    @Test
    void rateLimitIsA429WithRetryAfterThatTheClientSees() throws Exception {
        fake.rateLimitNext("chat.postMessage", 7);
        SlackApiException e = assertThrows(SlackApiException.class,
                () -> methods.chatPostMessage(m -> m.channel(GENERAL).text("x")));
        assertEquals(429, e.getResponse().code());
        assertEquals("7", e.getResponse().header("Retry-After"));
        assertEquals("ratelimited", e.getError().getError());
        assertTrue(fake.messages(GENERAL).isEmpty());

        assertTrue(methods.chatPostMessage(m -> m.channel(GENERAL).text("x")).isOk(), "only the next call is limited");
    }

    @Test
    void queuedFailuresApplyInOrderOnePerCall() throws Exception {
        fake.failNext("chat.postMessage", "fatal_error");
        fake.failNext("chat.postMessage", "channel_is_archived");
        fake.serverErrorNext("chat.postMessage");
        assertEquals("fatal_error", methods.chatPostMessage(m -> m.channel(GENERAL).text("1")).getError());
        assertEquals("channel_is_archived", methods.chatPostMessage(m -> m.channel(GENERAL).text("2")).getError());
        SlackApiException e = assertThrows(SlackApiException.class,
                () -> methods.chatPostMessage(m -> m.channel(GENERAL).text("3")));
        assertEquals(500, e.getResponse().code());
        assertTrue(fake.messages(GENERAL).isEmpty());
        assertTrue(methods.chatPostMessage(m -> m.channel(GENERAL).text("4")).isOk());
        assertTrue(methods.authTest(r -> r).isOk(), "other methods were never affected");
    }

    @Test
    void failAfterActingStoresTheMessageButAnswers500() throws Exception {
        fake.failAfterActingNext("chat.postMessage", "internal_error");
        Message.Metadata metadata = Message.Metadata.builder().eventType("incident_scribe_post")
                .eventPayload(Map.of("post_id", "p-9")).build();
        SlackApiException e = assertThrows(SlackApiException.class,
                () -> methods.chatPostMessage(m -> m.channel(GENERAL).text("summary").metadata(metadata)));
        assertEquals(500, e.getResponse().code());
        assertEquals(1, fake.messages(GENERAL).size());
        // The client can find what Slack did, by its metadata.
        Message found = methods.conversationsHistory(r -> r.channel(GENERAL).includeAllMetadata(true)).getMessages().get(0);
        assertEquals("p-9", found.getMetadata().getEventPayload().get("post_id"));
    }

    @Test
    void delayedCallTimesOutButSlackStillActs() throws Exception {
        fake.delayNext("chat.postMessage", Duration.ofMillis(1500));
        try (Slack impatient = Slack.getInstance(config(300))) {
            assertThrows(IOException.class,
                    () -> impatient.methods(TOKEN).chatPostMessage(m -> m.channel(GENERAL).text("slow")));
        }
        List<FakeSlackApi.PostedMessage> posted = fake.await(() -> fake.messages(GENERAL), l -> !l.isEmpty(), WAIT);
        assertEquals("slow", posted.get(0).text());
    }

    @Test
    void awaitWakesOnCallsAndTimesOutWithTheCallList() throws Exception {
        Thread poster = new Thread(() -> {
            try {
                Thread.sleep(100);
                methods.chatPostMessage(m -> m.channel(OUTSIDE).text("x"));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        poster.start();
        List<FakeSlackApi.ApiCall> calls = fake.awaitCalls("chat.postMessage", 1, WAIT);
        assertEquals(OUTSIDE, calls.get(0).param("channel"));
        poster.join();

        AssertionError timeout = assertThrows(AssertionError.class,
                () -> fake.await(() -> fake.messages(OUTSIDE), l -> !l.isEmpty(), Duration.ofMillis(200)));
        assertTrue(timeout.getMessage().contains("chat.postMessage→not_in_channel"), timeout.getMessage());
    }

    // ------------------------------------------------------------ response_url

    @Test
    void responseUrlTakesFivePostsThenSaysUsedUrl() throws Exception {
        String url = fake.responseUrl("cmd-1");
        for (int i = 1; i <= 5; i++) {
            WebhookResponse r = slack.send(url, "{\"response_type\":\"ephemeral\",\"text\":\"part " + i + "\"}");
            assertEquals(200, r.getCode());
            assertEquals("ok", r.getBody());
        }
        WebhookResponse sixth = slack.send(url, "{\"text\":\"part 6\"}");
        assertEquals(404, sixth.getCode());
        assertEquals("used_url", sixth.getBody());
        List<FakeSlackApi.ResponseUrlPost> posts = fake.responseUrlPosts("cmd-1");
        assertEquals(IntStream.rangeClosed(1, 5).mapToObj(i -> "part " + i).toList(),
                posts.stream().map(FakeSlackApi.ResponseUrlPost::text).toList());
        assertEquals("ephemeral", posts.get(0).responseType());

        String other = fake.responseUrl("cmd-2");
        assertEquals(400, slack.send(other, "{\"response_type\":\"in_channel\"}").getCode());
        assertTrue(fake.responseUrlPosts("cmd-2").isEmpty());
    }

    // ------------------------------------------------------------ helpers

    private String postBlocks(String blocksJson) throws Exception {
        ChatPostMessageResponse r = methods.chatPostMessage(m -> m.channel(GENERAL).text("t").blocksAsString(blocksJson));
        return r.isOk() ? null : r.getError();
    }

    private static SectionBlock section(String mrkdwn) {
        return SectionBlock.builder().text(MarkdownTextObject.builder().text(mrkdwn).build()).build();
    }

    private static List<LayoutBlock> sections(int count, String text) {
        return IntStream.range(0, count).mapToObj(i -> (LayoutBlock) section(text)).collect(Collectors.toList());
    }

    private static FilesCompleteUploadExternalRequest.FileDetails details(String id, String title) {
        return FilesCompleteUploadExternalRequest.FileDetails.builder().id(id).title(title).build();
    }

    private HttpRequest form(String method, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.apiUrl() + method))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    private static JsonObject json(String body) {
        return JsonParser.parseString(body).getAsJsonObject();
    }

    /** conversations.history and conversations.replies page as Slack's do: limit, has_more, next_cursor, cursor. */
    @Nested
    class Paging {

        @Test
        void historyPagesNewestFirstThroughEveryMessageOnce() throws Exception {
            for (int i = 0; i < 250; i++) {
                fake.addMessage(GENERAL, "U0ALICE", "message " + i);
            }
            ConversationsHistoryResponse first = methods.conversationsHistory(r -> r.channel(GENERAL));
            assertEquals(100, first.getMessages().size(), "Slack's default page is 100 messages");
            assertTrue(first.isHasMore());

            List<String> texts = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                String page = cursor;
                ConversationsHistoryResponse r = methods.conversationsHistory(q -> q.channel(GENERAL).limit(60).cursor(page));
                assertTrue(r.isOk(), r.getError());
                r.getMessages().forEach(m -> texts.add(m.getText()));
                cursor = r.isHasMore() ? r.getResponseMetadata().getNextCursor() : null;
                if (!r.isHasMore()) {
                    assertEquals("", r.getResponseMetadata().getNextCursor(), "no cursor after the last page");
                }
                pages++;
            } while (cursor != null && pages < 20);
            assertEquals(5, pages);
            List<String> expected = new ArrayList<>();
            for (int i = 249; i >= 0; i--) {
                expected.add("message " + i);
            }
            assertEquals(expected, texts);
        }

        @Test
        void historyKeepsItsFiltersAcrossPages() throws Exception {
            List<String> ts = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                ts.add(fake.addMessage(GENERAL, "U0ALICE", "message " + i));
            }
            String oldest = ts.get(9);
            ConversationsHistoryResponse first = methods.conversationsHistory(r -> r.channel(GENERAL).oldest(oldest).limit(15));
            assertEquals(15, first.getMessages().size());
            String cursor = first.getResponseMetadata().getNextCursor();
            ConversationsHistoryResponse second = methods.conversationsHistory(r -> r.channel(GENERAL).oldest(oldest).limit(15)
                    .cursor(cursor));
            assertEquals(5, second.getMessages().size(), "messages 10 to 14: oldest is exclusive");
            assertEquals("message 10", second.getMessages().get(4).getText());
            assertFalse(second.isHasMore());
        }

        @Test
        void repliesPageOldestFirstWithTheParentOnTheFirstPage() throws Exception {
            String parent = fake.addMessage(GENERAL, "U0ALICE", "parent");
            for (int i = 0; i < 7; i++) {
                assertTrue(methods.chatPostMessage(m -> m.channel(GENERAL).threadTs(parent).text("reply")).isOk());
            }
            List<Message> all = new ArrayList<>();
            String cursor = null;
            do {
                String page = cursor;
                ConversationsRepliesResponse r = methods.conversationsReplies(q -> q.channel(GENERAL).ts(parent).limit(3)
                        .cursor(page));
                assertTrue(r.isOk(), r.getError());
                assertTrue(r.getMessages().size() <= 3);
                all.addAll(r.getMessages());
                cursor = r.isHasMore() ? r.getResponseMetadata().getNextCursor() : null;
            } while (cursor != null && all.size() < 100);
            assertEquals(8, all.size());
            assertEquals("parent", all.get(0).getText());
            assertEquals(8, all.stream().map(Message::getTs).distinct().count(), "no message twice");
        }

        @Test
        void aCursorSlackDidNotHandOutIsRefused() throws Exception {
            fake.addMessage(GENERAL, "U0ALICE", "one");
            assertEquals("invalid_cursor", methods.conversationsHistory(r -> r.channel(GENERAL).cursor("not-a-cursor")).getError());
            String parent = fake.addMessage(GENERAL, "U0ALICE", "two");
            assertEquals("invalid_cursor", methods.conversationsReplies(r -> r.channel(GENERAL).ts(parent)
                    .cursor("bmV4dF90czpub3Bl")).getError());
        }
    }

    @Test
    void getPermalinkLinksAnyMessageOfAChannelTheBotCanSeeAndRefusesWhatSlackRefuses() throws Exception {
        String top = fake.addMessage(OUTSIDE, "U0ALICE", "alert fired");
        fake.addMessage(OUTSIDE, "1700000000.000200", top, "U0BOB", "on it");
        fake.addPrivateChannel("G0SECRET", "secret", false);
        fake.addMessage("G0SECRET", "1700000000.000300", null, "U0BOB", "hidden");

        // A public channel the bot is not in: Slack still links it.
        var answer = methods.chatGetPermalink(r -> r.channel(OUTSIDE).messageTs(top));
        assertTrue(answer.isOk(), answer.getError());
        assertEquals(FakeSlackApi.WORKSPACE_URL + "archives/" + OUTSIDE + "/p" + top.replace(".", ""), answer.getPermalink());
        var reply = methods.chatGetPermalink(r -> r.channel(OUTSIDE).messageTs("1700000000.000200"));
        assertEquals(FakeSlackApi.WORKSPACE_URL + "archives/" + OUTSIDE + "/p1700000000000200?thread_ts=" + top
                + "&cid=" + OUTSIDE, reply.getPermalink());

        assertEquals("message_not_found", methods.chatGetPermalink(r -> r.channel(OUTSIDE).messageTs("1700000000.999999")).getError());
        assertEquals("channel_not_found", methods.chatGetPermalink(r -> r.channel("G0SECRET").messageTs("1700000000.000300")).getError());
        assertEquals("invalid_arguments", methods.chatGetPermalink(r -> r.channel(OUTSIDE)).getError());
    }

    @Nested
    class PeopleWhileTheBotIsAway {

        @Test
        void reactionsEditsAndRepliesShowInHistoryAsSlackShowsThem() throws Exception {
            String parent = fake.post(GENERAL, "U0ALICE", "parent");
            String reply = fake.reply(GENERAL, parent, "U0BOB", "reply");
            fake.react(GENERAL, parent, "U0BOB", "pushpin");
            fake.react(GENERAL, parent, "U0ZOE", "pushpin");
            fake.react(GENERAL, parent, "U0ZOE", "eyes");
            fake.unreact(GENERAL, parent, "U0ZOE", "eyes");
            fake.edit(GENERAL, parent, "parent, edited");

            Message m = methods.conversationsHistory(r -> r.channel(GENERAL)).getMessages().get(0);
            assertEquals("parent, edited", m.getText());
            assertNotNull(m.getEdited().getTs());
            assertEquals(1, m.getReactions().size(), "a reaction everyone took back is gone");
            assertEquals("pushpin", m.getReactions().get(0).getName());
            assertEquals(List.of("U0BOB", "U0ZOE"), m.getReactions().get(0).getUsers());
            assertEquals(2, m.getReactions().get(0).getCount());
            assertEquals(1, m.getReplyCount());
            assertEquals(reply, m.getLatestReply());
            assertEquals(1, methods.conversationsHistory(r -> r.channel(GENERAL)).getMessages().size(),
                    "replies are not in the history");
        }

        @Test
        void aDeletedParentWithRepliesIsATombstoneAndAnyOtherDeletedMessageIsGone() throws Exception {
            String parent = fake.post(GENERAL, "U0ALICE", "parent");
            fake.reply(GENERAL, parent, "U0BOB", "reply");
            String alone = fake.post(GENERAL, "U0ALICE", "alone");
            fake.delete(GENERAL, parent);
            fake.delete(GENERAL, alone);
            List<Message> history = methods.conversationsHistory(r -> r.channel(GENERAL)).getMessages();
            assertEquals(1, history.size());
            assertEquals("tombstone", history.get(0).getSubtype());
            assertEquals(1, history.get(0).getReplyCount());
            assertEquals(2, methods.conversationsReplies(r -> r.channel(GENERAL).ts(parent)).getMessages().size());
        }

        @Test
        void aRateLimitIsAnswered429WithTheWaitAndOkFalseRatelimitedCarriesItToo() throws Exception {
            fake.limitRate("conversations.history", 2);
            assertTrue(methods.conversationsHistory(r -> r.channel(GENERAL)).isOk());
            assertTrue(methods.conversationsHistory(r -> r.channel(GENERAL)).isOk());
            SlackApiException limited = assertThrows(SlackApiException.class,
                    () -> methods.conversationsHistory(r -> r.channel(GENERAL)));
            assertEquals(429, limited.getResponse().code());
            int wait = Integer.parseInt(limited.getResponse().header("Retry-After"));
            assertTrue(wait >= 1 && wait <= 60, "the wait until the oldest call of the minute ages out: " + wait);
            assertEquals(1, fake.rateLimitedCount("conversations.history"));

            fake.rateLimitedOkFalseNext("conversations.replies", 3);
            String parent = fake.post(GENERAL, "U0ALICE", "parent");
            ConversationsRepliesResponse r = methods.conversationsReplies(q -> q.channel(GENERAL).ts(parent));
            assertEquals("ratelimited", r.getError());
            assertEquals(List.of("3"), r.getHttpResponseHeaders().entrySet().stream()
                    .filter(h -> h.getKey().equalsIgnoreCase("Retry-After")).findFirst().orElseThrow().getValue());
        }
    }
}
