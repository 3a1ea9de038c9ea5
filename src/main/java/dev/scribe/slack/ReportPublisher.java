package dev.scribe.slack;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest;
import com.slack.api.model.File;
import com.slack.api.model.Message;
import com.slack.api.model.ResponseMetadata;
import com.slack.api.util.json.GsonFactory;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentRecord;
import dev.scribe.incident.IncidentService;
import dev.scribe.outbox.Outbox;
import dev.scribe.outbox.OutboxPost;
import dev.scribe.outbox.PostKind;
import dev.scribe.outbox.ReportKey;
import dev.scribe.report.Postmortem;
import dev.scribe.report.PostmortemCompiler;
import dev.scribe.report.PostmortemRenderer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts closed incidents' reports exactly once: the summary in the incident channel (and the retro channel),
 * the timeline in its thread, the RCA skeleton as a Markdown file. Everything a report needs is stored in the
 * {@link Outbox} first; posting then claims a report, posts its parts in order, marks each done, and on a
 * Slack failure waits (honouring {@code Retry-After}) and resumes where it stopped, after a restart too. A
 * part that may have reached Slack before an answer was lost is looked up before it is posted again.
 */
public final class ReportPublisher {

    private static final Logger log = LoggerFactory.getLogger(ReportPublisher.class);
    private static final Gson SLACK_JSON = GsonFactory.createSnakeCase();
    static final String METADATA_EVENT = "incident_scribe_post";
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(15);
    /** How much earlier than our clock Slack's may stamp a post, for the look-up's lower bound. */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(10);
    /** Messages per page of the look-up: Slack's recommended page size. */
    static final int LOOKUP_PAGE = 200;

    private final MethodsClient methods;
    private final IncidentService incidents;
    private final WorkspaceDirectory directory;
    private final ZoneId zone;
    private final Optional<String> retroChannel;
    private final Outbox outbox;
    private final Clock clock;
    private final SlackPoster poster;
    private final HttpClient uploads = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String worker = "scribe-" + UUID.randomUUID().toString().substring(0, 8);
    private volatile boolean stopping;

    public ReportPublisher(MethodsClient methods, IncidentService incidents, WorkspaceDirectory directory, ZoneId zone,
                           Optional<String> retroChannel, Outbox outbox, Clock clock) {
        this.methods = methods;
        this.incidents = incidents;
        this.directory = directory;
        this.zone = zone;
        this.retroChannel = retroChannel;
        this.outbox = outbox;
        this.clock = clock;
        this.poster = new SlackPoster(methods);
    }

    /** Compiles the report of an incident, open or closed, from what is stored. */
    public Postmortem compile(int number) {
        IncidentRecord record = incidents.load(number);
        return new PostmortemCompiler(directory.forIncident(record), zone).compile(record);
    }

    /** Compiles the report of the incident's latest close and stores its posts; false when stored already. */
    public boolean enqueue(int number) {
        Incident incident = incidents.find(number).orElseThrow();
        if (incident.isOpen()) {
            return false;
        }
        ReportKey key = new ReportKey(number, incident.closeCount());
        Postmortem report = compile(number);
        String channel = incident.channelId();
        List<OutboxPost> posts = new ArrayList<>();
        SlackMessage summary = ReportBlocks.summaryMessage(report);
        posts.add(OutboxPost.pending(key, 0, PostKind.SUMMARY, channel, json(summary), null));
        for (SlackMessage part : ReportBlocks.timelineMessages(report)) {
            posts.add(OutboxPost.pending(key, posts.size(), PostKind.THREAD, channel, json(part), null));
        }
        posts.add(OutboxPost.pending(key, posts.size(), PostKind.FILE, channel, new PostmortemRenderer().render(report),
                report.fileName()));
        retroChannel.ifPresent(retro -> posts.add(OutboxPost.pending(key, posts.size(), PostKind.RETRO, retro,
                json(ReportBlocks.retroMessage(report, channel)), null)));
        boolean stored = outbox.store(posts);
        if (stored) {
            log.info("Stored the report of incident {} (close {}): {} posts", number, key.closeCount(), posts.size());
        }
        return stored;
    }

    /**
     * Stores any report a crash left uncompiled, then posts every report that is due, until none is. Safe to
     * run on several threads and replicas at once: each report is held by one of them at a time.
     */
    public void drain() {
        try {
            drainDue();
        } catch (RuntimeException e) {
            // Runs on a schedule: an exception here would cancel it. The outbox keeps the work for next time.
            log.error("Posting reports failed; will try again", e);
        }
    }

    /** Asks a drain in progress to stop after the part it is posting, giving its lease back. */
    public void stop() {
        stopping = true;
    }

    private void drainDue() {
        for (ReportKey missing : outbox.missingReports()) {
            try {
                enqueue(missing.incidentNumber());
            } catch (RuntimeException e) {
                log.error("Could not compile the report of incident {}", missing.incidentNumber(), e);
            }
        }
        while (!stopping) {
            Instant now = clock.instant();
            Optional<List<OutboxPost>> claimed = outbox.claimDue(worker, now, now.plus(LEASE));
            if (claimed.isEmpty()) {
                return;
            }
            post(claimed.get());
        }
    }

    private void post(List<OutboxPost> report) {
        String summaryTs = null;
        for (OutboxPost post : report) {
            if (post.done()) {
                if (post.kind() == PostKind.SUMMARY) {
                    summaryTs = post.postedRef();
                }
                continue;
            }
            if (stopping) {
                outbox.retryLater(post.report(), worker, clock.instant(), "stopped before posting");
                return;
            }
            try {
                String ref = send(post, summaryTs);
                outbox.done(post, ref, worker);
                if (post.kind() == PostKind.SUMMARY) {
                    summaryTs = ref;
                }
            } catch (SlackCallException e) {
                Duration wait = e.retryAfter().orElse(backoff(post.attempts()));
                log.error("Posting part {} of the report of incident {} failed ({} answered {}); trying again in {} s",
                        post.seq(), post.report().incidentNumber(), e.method(), e.error(), wait.toSeconds());
                outbox.retryLater(post.report(), worker, clock.instant().plus(wait), e.method() + ": " + e.error());
                return;
            } catch (RuntimeException e) {
                log.error("Posting part {} of the report of incident {} failed", post.seq(), post.report().incidentNumber(), e);
                outbox.retryLater(post.report(), worker, clock.instant().plus(backoff(post.attempts())), e.toString());
                return;
            }
        }
    }

    /** 2, 4, 8 ... seconds, at most 15 minutes. */
    static Duration backoff(int attempts) {
        long seconds = 1L << Math.min(Math.max(attempts, 1), 10);
        return Duration.ofSeconds(seconds).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : Duration.ofSeconds(seconds);
    }

    private String send(OutboxPost post, String summaryTs) {
        switch (post.kind()) {
            case SUMMARY:
            case RETRO:
                return postMessage(post, null);
            case THREAD:
                return postMessage(post, requireSummary(summaryTs, post));
            case FILE:
                return shareFile(post, requireSummary(summaryTs, post));
            default:
                throw new IllegalStateException(post.kind().name());
        }
    }

    private static String requireSummary(String summaryTs, OutboxPost post) {
        if (summaryTs == null) {
            throw new IllegalStateException("part " + post.seq() + " needs the summary, which is not posted");
        }
        return summaryTs;
    }

    private String postMessage(OutboxPost post, String threadTs) {
        if (post.attempts() > 1) {
            Optional<String> earlier = findPosted(post, threadTs);
            if (earlier.isPresent()) {
                log.info("Part {} of the report of incident {} had reached Slack already", post.seq(),
                        post.report().incidentNumber());
                return earlier.get();
            }
        }
        JsonObject message = JsonParser.parseString(post.payload()).getAsJsonObject();
        Message.Metadata metadata = Message.Metadata.builder().eventType(METADATA_EVENT)
                .eventPayload(Map.of("post_id", post.postId())).build();
        return SlackCalls.require("chat.postMessage", () -> methods.chatPostMessage(r -> r
                .channel(post.channelId())
                .threadTs(threadTs)
                .text(message.get("text").getAsString())
                .blocksAsString(message.get("blocks").toString())
                .metadata(metadata)
                .unfurlLinks(false)
                .unfurlMedia(false))).getTs();
    }

    /**
     * Looks for a message carrying this post's id in its metadata: Slack may have acted on a call whose answer was
     * lost. Reads every page (cursor) of what was posted since the report was stored, less a margin for clocks a
     * little apart, so a busy channel cannot hide the earlier post behind its newest messages. A rate limit is
     * thrown, to look again after the wait; any other failure means posting again.
     */
    private Optional<String> findPosted(OutboxPost post, String threadTs) {
        String oldest = post.storedAt() == null ? null : SlackTs.format(post.storedAt().minus(CLOCK_MARGIN));
        String cursor = null;
        try {
            do {
                String page = cursor;
                List<Message> messages;
                if (threadTs == null) {
                    var history = SlackCalls.require("conversations.history", () -> methods.conversationsHistory(r -> r
                            .channel(post.channelId()).oldest(oldest).limit(LOOKUP_PAGE).cursor(page)
                            .includeAllMetadata(true)));
                    messages = history.getMessages();
                    cursor = nextCursor(history.isHasMore(), history.getResponseMetadata());
                } else {
                    var replies = SlackCalls.require("conversations.replies", () -> methods.conversationsReplies(r -> r
                            .channel(post.channelId()).ts(threadTs).oldest(oldest).limit(LOOKUP_PAGE).cursor(page)
                            .includeAllMetadata(true)));
                    messages = replies.getMessages();
                    cursor = nextCursor(replies.isHasMore(), replies.getResponseMetadata());
                }
                Optional<String> found = messages == null ? Optional.empty() : messages.stream()
                        .filter(m -> isPostOf(m, post)).map(Message::getTs).findFirst();
                if (found.isPresent()) {
                    return found;
                }
            } while (cursor != null);
            return Optional.empty();
        } catch (SlackCallException e) {
            if (SlackCalls.isRateLimit(e.error())) {
                throw e;
            }
            // Cannot tell; posting again risks a duplicate, not posting risks a loss. A loss is worse.
            log.warn("Could not check whether part {} of incident {} was posted ({}); posting it", post.seq(),
                    post.report().incidentNumber(), e.error());
            return Optional.empty();
        }
    }

    private static boolean isPostOf(Message m, OutboxPost post) {
        return m.getMetadata() != null && METADATA_EVENT.equals(m.getMetadata().getEventType())
                && m.getMetadata().getEventPayload() != null
                && post.postId().equals(String.valueOf(m.getMetadata().getEventPayload().get("post_id")));
    }

    /** The cursor of the next page, or null on the last one. */
    private static String nextCursor(boolean hasMore, ResponseMetadata metadata) {
        String next = metadata == null ? null : metadata.getNextCursor();
        return hasMore && next != null && !next.isEmpty() ? next : null;
    }

    /** Upload v2 in its three steps, remembering the file id so a retry never uploads or shares twice. */
    private String shareFile(OutboxPost post, String summaryTs) {
        String fileId = post.postedRef();
        if (fileId == null) {
            byte[] bytes = post.payload().getBytes(StandardCharsets.UTF_8);
            var target = SlackCalls.require("files.getUploadURLExternal", () -> methods.filesGetUploadURLExternal(r -> r
                    .filename(post.fileName()).length(bytes.length)));
            upload(target.getUploadUrl(), bytes);
            fileId = target.getFileId();
            outbox.progress(post, fileId, worker);
        } else if (post.attempts() > 1 && isShared(fileId, post.channelId())) {
            return fileId;
        }
        String id = fileId;
        String title = "Incident " + post.report().incidentNumber() + " RCA skeleton";
        SlackCalls.require("files.completeUploadExternal", () -> methods.filesCompleteUploadExternal(r -> r
                .files(List.of(FilesCompleteUploadExternalRequest.FileDetails.builder().id(id).title(title).build()))
                .channelId(post.channelId())
                .threadTs(summaryTs)
                .initialComment("The RCA skeleton of incident " + post.report().incidentNumber() + ", ready to fill in.")));
        return id;
    }

    private void upload(String url, byte[] bytes) {
        try {
            HttpResponse<String> response = uploads.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new SlackCallException("file upload", "HTTP " + response.statusCode(), null);
            }
        } catch (IOException e) {
            throw new SlackCallException("file upload", "unreachable (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackCallException("file upload", "interrupted", e);
        }
    }

    private boolean isShared(String fileId, String channelId) {
        try {
            File file = SlackCalls.require("files.info", () -> methods.filesInfo(r -> r.file(fileId))).getFile();
            if (file.getChannels() != null && file.getChannels().contains(channelId)) {
                return true;
            }
            return file.getShares() != null && (file.getShares().getPublicChannels() != null
                    && file.getShares().getPublicChannels().containsKey(channelId)
                    || file.getShares().getPrivateChannels() != null
                    && file.getShares().getPrivateChannels().containsKey(channelId));
        } catch (SlackCallException e) {
            log.warn("Could not check whether file {} was shared ({}); completing the upload", fileId, e.error());
            return false;
        }
    }

    private static String json(SlackMessage message) {
        JsonObject o = new JsonObject();
        o.addProperty("text", message.text());
        o.add("blocks", SLACK_JSON.toJsonTree(message.blocks()));
        return o.toString();
    }

    /** Who this process is when it holds a lease (for logs and tests). */
    String worker() {
        return worker;
    }
}
