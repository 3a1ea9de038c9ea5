package dev.scribe.slack;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.File;
import com.slack.api.model.Message;
import com.slack.api.model.ResponseMetadata;
import dev.scribe.outbox.SlackPoster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Posts through Slack's Web API: the report's posts with their ids in message metadata, found again with
 * {@code conversations.history} / {@code conversations.replies}; files in upload v2's three steps, checked with
 * {@code files.info}; direct messages opened with {@code conversations.open}; and the messages the bot keeps up to
 * date (the header). Fails with a
 * {@link SlackCallException} naming Slack's error.
 */
public final class SlackWebPoster implements SlackPoster {

    static final String METADATA_EVENT = "incident_scribe_post";
    /** Messages per page of the look-up: Slack's recommended page size. */
    static final int LOOKUP_PAGE = 200;

    private final MethodsClient methods;
    private final HttpClient uploads = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public SlackWebPoster(MethodsClient methods) {
        this.methods = methods;
    }

    /** Posts a message, in a thread when {@code threadTs} is not null. */
    public ChatPostMessageResponse post(String channel, SlackMessage message, String threadTs) {
        return SlackCalls.require("chat.postMessage", () -> methods.chatPostMessage(r -> r
                .channel(channel)
                .threadTs(threadTs)
                .text(message.text())
                .blocks(message.blocks())
                .unfurlLinks(false)
                .unfurlMedia(false)));
    }

    /** Replaces a message's text and blocks. */
    void update(String channel, String ts, SlackMessage message) {
        SlackCalls.require("chat.update", () -> methods.chatUpdate(r -> r
                .channel(channel)
                .ts(ts)
                .text(message.text())
                .blocks(message.blocks())));
    }

    @Override
    public String post(String channelId, String threadTs, String messageJson, String postId) {
        JsonObject message = JsonParser.parseString(messageJson).getAsJsonObject();
        Message.Metadata metadata = Message.Metadata.builder().eventType(METADATA_EVENT)
                .eventPayload(Map.of("post_id", postId)).build();
        return SlackCalls.require("chat.postMessage", () -> methods.chatPostMessage(r -> r
                .channel(channelId)
                .threadTs(threadTs)
                .text(message.get("text").getAsString())
                .blocksAsString(message.get("blocks").toString())
                .metadata(metadata)
                .unfurlLinks(false)
                .unfurlMedia(false))).getTs();
    }

    @Override
    public Optional<String> findPosted(String channelId, String threadTs, String postId, Instant since) {
        String oldest = since == null ? null : SlackTs.format(since);
        String cursor = null;
        do {
            String page = cursor;
            List<Message> messages;
            if (threadTs == null) {
                var history = SlackCalls.require("conversations.history", () -> methods.conversationsHistory(r -> r
                        .channel(channelId).oldest(oldest).limit(LOOKUP_PAGE).cursor(page).includeAllMetadata(true)));
                messages = history.getMessages();
                cursor = nextCursor(history.isHasMore(), history.getResponseMetadata());
            } else {
                var replies = SlackCalls.require("conversations.replies", () -> methods.conversationsReplies(r -> r
                        .channel(channelId).ts(threadTs).oldest(oldest).limit(LOOKUP_PAGE).cursor(page)
                        .includeAllMetadata(true)));
                messages = replies.getMessages();
                cursor = nextCursor(replies.isHasMore(), replies.getResponseMetadata());
            }
            Optional<String> found = messages == null ? Optional.empty() : messages.stream()
                    .filter(m -> carries(m, postId)).map(Message::getTs).findFirst();
            if (found.isPresent()) {
                return found;
            }
        } while (cursor != null);
        return Optional.empty();
    }

    private static boolean carries(Message m, String postId) {
        return m.getMetadata() != null && METADATA_EVENT.equals(m.getMetadata().getEventType())
                && m.getMetadata().getEventPayload() != null
                && postId.equals(String.valueOf(m.getMetadata().getEventPayload().get("post_id")));
    }

    /** The cursor of the next page, or null on the last one. */
    private static String nextCursor(boolean hasMore, ResponseMetadata metadata) {
        String next = metadata == null ? null : metadata.getNextCursor();
        return hasMore && next != null && !next.isEmpty() ? next : null;
    }

    /** Steps one and two of upload v2: where to send the bytes, then the bytes. */
    @Override
    public String upload(String fileName, byte[] content) {
        var target = SlackCalls.require("files.getUploadURLExternal", () -> methods.filesGetUploadURLExternal(r -> r
                .filename(fileName).length(content.length)));
        try {
            HttpResponse<String> response = uploads.send(HttpRequest.newBuilder(URI.create(target.getUploadUrl()))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new SlackCallException("file upload", "HTTP " + response.statusCode(), null);
            }
        } catch (IOException e) {
            throw new SlackCallException("file upload", "unreachable (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackCallException("file upload", "interrupted", e);
        }
        return target.getFileId();
    }

    /** Step three of upload v2. */
    @Override
    public void share(String fileId, String channelId, String threadTs, String title, String comment) {
        SlackCalls.require("files.completeUploadExternal", () -> methods.filesCompleteUploadExternal(r -> r
                .files(List.of(FilesCompleteUploadExternalRequest.FileDetails.builder().id(fileId).title(title).build()))
                .channelId(channelId)
                .threadTs(threadTs)
                .initialComment(comment)));
    }

    @Override
    public String openDirectMessage(String userId) {
        return SlackCalls.require("conversations.open", () -> methods.conversationsOpen(r -> r
                .users(List.of(userId)))).getChannel().getId();
    }

    @Override
    public boolean isShared(String fileId, String channelId) {
        File file = SlackCalls.require("files.info", () -> methods.filesInfo(r -> r.file(fileId))).getFile();
        if (file.getChannels() != null && file.getChannels().contains(channelId)
                || file.getIms() != null && file.getIms().contains(channelId)) {
            return true;
        }
        return file.getShares() != null && (file.getShares().getPublicChannels() != null
                && file.getShares().getPublicChannels().containsKey(channelId)
                || file.getShares().getPrivateChannels() != null
                && file.getShares().getPrivateChannels().containsKey(channelId));
    }
}
