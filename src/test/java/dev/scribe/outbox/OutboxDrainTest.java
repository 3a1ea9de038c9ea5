package dev.scribe.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.storage.Database;
import dev.scribe.storage.JdbiOutbox;
import dev.scribe.testing.SteppedClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drain and its backoff against an in-memory Slack, on the real outbox (H2): a failure waits (Retry-After,
 * else 2, 4 ... s) before the next try, a post whose answer was lost is found and not posted twice, a look-up
 * that is rate-limited never posts blind, and a file is uploaded and shared once.
 */
class OutboxDrainTest {

    private static final Instant T0 = Instant.parse("2026-12-01T19:16:00Z");
    private static final ReportKey REPORT = new ReportKey(1, 1);
    private static final String COMMANDER = "U0CMD";

    @TempDir
    Path dir;
    private Database database;
    private final SteppedClock clock = new SteppedClock(T0);
    private final InMemorySlack slack = new InMemorySlack();
    private final List<Integer> compiled = new ArrayList<>();
    /** Told a notice for each channel parked: one to the commander, with the Markdown in its thread. */
    private final List<String> noticesWritten = new ArrayList<>();
    private final UndeliverableNotices notices = (report, channel, failure, gaveUp, markdown, fileName, firstSeq) -> {
        noticesWritten.add(channel + " " + failure.error() + (gaveUp ? " gave up" : ""));
        return List.of(
                OutboxPost.pending(report, firstSeq, PostKind.NOTICE, COMMANDER,
                        "{\"text\":\"cannot post in " + channel + "\"}", null),
                OutboxPost.pending(report, firstSeq + 1, PostKind.NOTICE_FILE, COMMANDER, markdown, fileName));
    };
    private Outbox outbox;
    private OutboxDrain drain;

    @BeforeEach
    void open() {
        database = Database.open("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0", null, null);
        outbox = new JdbiOutbox(database, clock);
        drain = new OutboxDrain(outbox, slack, compiled::add, notices, clock);
        outbox.store(List.of(
                OutboxPost.pending(REPORT, 0, PostKind.SUMMARY, "C0INC", "{\"text\":\"summary\"}", null),
                OutboxPost.pending(REPORT, 1, PostKind.THREAD, "C0INC", "{\"text\":\"part 1\"}", null),
                OutboxPost.pending(REPORT, 2, PostKind.FILE, "C0INC", "# Incident 1", "incident-1-rca.md")));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void everyPostGoesOutOnceInOrderTheTimelineAndFileInTheSummarysThread() {
        drain.drain();
        assertEquals(List.of("summary", "part 1"), slack.texts());
        String summaryTs = slack.messages.get(0).ts();
        assertEquals(summaryTs, slack.messages.get(1).threadTs());
        assertEquals(Map.of("F1", "C0INC/" + summaryTs), slack.shares);
        drain.drain();
        assertEquals(2, slack.posts);
        assertEquals(1, slack.uploads);
    }

    @Test
    void aFailureBacksOffTwoThenFourSecondsBeforeTheNextTry() {
        slack.failNextPost(new SlackFailure("chat.postMessage", "internal_error", null, null));
        slack.failNextPost(new SlackFailure("chat.postMessage", "internal_error", null, null));
        drain.drain();
        assertEquals(1, slack.posts);
        clock.advance(Duration.ofMillis(1999));
        drain.drain();
        assertEquals(1, slack.posts, "not before 2 s");
        clock.advance(Duration.ofMillis(1));
        drain.drain();
        assertEquals(2, slack.posts);
        clock.advance(Duration.ofMillis(3999));
        drain.drain();
        assertEquals(2, slack.posts, "then not before 4 s");
        clock.advance(Duration.ofMillis(1));
        drain.drain();
        assertEquals(List.of("summary", "part 1"), slack.texts());
    }

    @Test
    void retryAfterIsWaitedInsteadOfTheBackoff() {
        slack.failNextPost(new SlackFailure("chat.postMessage", SlackFailure.RATE_LIMITED, Duration.ofSeconds(30), null));
        drain.drain();
        clock.advance(Duration.ofSeconds(29));
        drain.drain();
        assertEquals(1, slack.posts, "Retry-After of 30 s honoured");
        clock.advance(Duration.ofSeconds(1));
        drain.drain();
        assertEquals(List.of("summary", "part 1"), slack.texts());
    }

    @Test
    void aPostWhoseAnswerWasLostIsFoundAndNotPostedTwice() {
        slack.actThenFailNextPost();
        drain.drain();
        assertEquals(List.of("summary"), slack.texts(), "Slack has the summary; the bot does not know");
        clock.advance(Duration.ofSeconds(2));
        drain.drain();
        assertEquals("1-1-0", slack.lookedFor.get(0), "looked for the summary before posting it again");
        assertEquals(List.of("summary", "part 1"), slack.texts());
        assertEquals(slack.messages.get(0).ts(), slack.messages.get(1).threadTs(), "the found summary is the thread");
        assertEquals(T0.minus(Duration.ofMinutes(10)), slack.lookedSince.get(0), "from the time the report was stored");
    }

    @Test
    void aRateLimitedLookUpWaitsAndLooksAgainRatherThanPostBlind() {
        slack.actThenFailNextPost();
        slack.failNextLookup(new SlackFailure("conversations.history", SlackFailure.RATE_LIMITED, Duration.ofSeconds(5), null));
        drain.drain();
        clock.advance(Duration.ofSeconds(2));
        drain.drain();
        assertEquals(List.of("summary"), slack.texts(), "not posted while it cannot tell");
        clock.advance(Duration.ofSeconds(5));
        drain.drain();
        assertEquals(List.of("1-1-0", "1-1-0"), slack.lookedFor.subList(0, 2), "looked again after the wait");
        assertEquals(List.of("summary", "part 1"), slack.texts());
    }

    @Test
    void aLookUpThatFailsOtherwisePostsAgainRatherThanLoseTheReport() {
        slack.actThenFailNextPost();
        slack.failNextLookup(new SlackFailure("conversations.history", "internal_error", null, null));
        drain.drain();
        clock.advance(Duration.ofSeconds(2));
        drain.drain();
        assertEquals(List.of("summary", "summary", "part 1"), slack.texts(), "the one case that may post twice");
    }

    @Test
    void aFileSharedDespiteAFailureIsUploadedOnceAndNotSharedAgain() {
        slack.actThenFailNextShare();
        drain.drain();
        clock.advance(Duration.ofSeconds(2));
        drain.drain();
        assertEquals(1, slack.uploads, "the file id was kept");
        assertEquals(1, slack.isSharedChecks);
        assertEquals(1, slack.shareCalls, "seen shared, not shared again");
        drain.drain();
        assertEquals(1, slack.shareCalls);
    }

    @Test
    void aFileUploadedButNotSharedIsSharedWithoutUploadingAgain() {
        slack.failNextShare(new SlackFailure("files.completeUploadExternal", "internal_error", null, null));
        drain.drain();
        assertTrue(slack.shares.isEmpty());
        clock.advance(Duration.ofSeconds(2));
        drain.drain();
        assertEquals(1, slack.uploads);
        assertEquals(1, slack.shares.size());
    }

    @Test
    void aStoppedDrainPostsNothingMoreAndGivesItsLeaseBack() {
        drain.stop();
        drain.drain();
        assertEquals(0, slack.posts);
        OutboxDrain other = new OutboxDrain(outbox, slack, compiled::add, notices, clock);
        other.drain();
        assertEquals(List.of("summary", "part 1"), slack.texts());
    }


    @Test
    void aChannelThatIsArchivedIsParkedAndTheCommanderToldOnceWithTheFile() {
        slack.refuse("C0INC", "is_archived");
        drain.drain();
        assertEquals(List.of("C0INC is_archived"), noticesWritten);
        assertEquals(List.of("cannot post in C0INC"), slack.texts(), "the notice, in the commander's direct message");
        assertEquals("D" + COMMANDER, slack.messages.get(0).channel());
        assertEquals(Map.of("F1", "D" + COMMANDER + "/" + slack.messages.get(0).ts()), slack.shares,
                "the Markdown in the notice's thread");
        int calls = slack.posts;
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(20));
            drain.drain();
        }
        assertEquals(calls, slack.posts, "the channel is not tried again, and nobody is told twice");
        assertEquals(1, noticesWritten.size());
    }

    @Test
    void aRepostAfterTheChannelIsFixedPostsTheRestOnce() {
        slack.refuse("C0INC", "not_in_channel");
        drain.drain();
        slack.refusing.clear();
        assertEquals(3, outbox.repost(REPORT, clock.instant()), "summary, timeline part and file wait");
        drain.drain();
        assertEquals(List.of("cannot post in C0INC", "summary", "part 1"), slack.texts());
        assertEquals(2, slack.shares.size(), "the file in the direct message and in the summary's thread");
        drain.drain();
        assertEquals(List.of("cannot post in C0INC", "summary", "part 1"), slack.texts());
    }

    @Test
    void aChannelFailingForFifteenMinutesIsParkedThenAndNotBefore() {
        slack.refuse("C0INC", "internal_error");
        drain.drain();
        Instant firstFailure = clock.instant();
        while (noticesWritten.isEmpty()) {
            clock.advance(Duration.ofSeconds(1));
            drain.drain();
        }
        assertTrue(Duration.between(firstFailure, clock.instant()).compareTo(OutboxDrain.GIVE_UP_AFTER) >= 0,
                "not told before 15 minutes: " + clock.instant());
        assertTrue(Duration.between(firstFailure, clock.instant()).compareTo(OutboxDrain.GIVE_UP_AFTER.plusMinutes(5)) < 0,
                "told on the first retry after 15 minutes (backoff at most doubles): " + clock.instant());
        assertEquals(List.of("C0INC internal_error gave up"), noticesWritten);
        assertEquals("D" + COMMANDER, slack.messages.get(0).channel());
    }

    @Test
    void aFailureThatHealsStartsTheFifteenMinutesAfresh() {
        slack.failNextPost(new SlackFailure("chat.postMessage", "internal_error", null, null));
        drain.drain();
        clock.advance(Duration.ofSeconds(2));
        drain.drain();
        assertEquals(List.of("summary", "part 1"), slack.texts());
        Outbox other = new JdbiOutbox(database, clock);
        clock.advance(Duration.ofMinutes(30));
        assertEquals(clock.instant(), other.failing(REPORT, "C0INC", clock.instant(), "chat.postMessage: internal_error"),
                "the earlier failure was forgotten once the channel took a post");
    }

    @Test
    void otherChannelsOfTheReportStillGetTheirPostsWhenOneIsParked() {
        ReportKey withRetro = new ReportKey(2, 1);
        outbox.store(List.of(
                OutboxPost.pending(withRetro, 0, PostKind.SUMMARY, "C0GONE", "{\"text\":\"summary 2\"}", null),
                OutboxPost.pending(withRetro, 1, PostKind.FILE, "C0GONE", "# Incident 2", "incident-2-rca.md"),
                OutboxPost.pending(withRetro, 2, PostKind.RETRO, "C0RETRO", "{\"text\":\"retro 2\"}", null)));
        slack.refuse("C0GONE", "channel_not_found");
        drain.drain();
        assertTrue(slack.texts().containsAll(List.of("summary", "part 1", "retro 2", "cannot post in C0GONE")),
                slack.texts().toString());
        assertEquals(List.of("C0GONE channel_not_found"), noticesWritten);
    }

    @Test
    void aNoticeThatCannotBeDeliveredIsParkedWithNoNoticeOfItsOwn() {
        slack.refuse("C0INC", "is_archived");
        slack.refuse("D" + COMMANDER, "account_inactive");
        drain.drain();
        assertEquals(1, noticesWritten.size(), "no notice about the notice");
        clock.advance(Duration.ofHours(1));
        int calls = slack.posts;
        drain.drain();
        assertEquals(calls, slack.posts, "nothing is tried again until a repost");
    }


    /** Slack's messages and files in memory; each call can be made to fail, before or after acting. */
    static final class InMemorySlack implements SlackPoster {
        record Posted(String channel, String threadTs, String ts, String json, String postId) {
        }

        final List<Posted> messages = new ArrayList<>();
        final Map<String, String> shares = new HashMap<>();
        final List<Instant> lookedSince = new ArrayList<>();
        final List<String> lookedFor = new ArrayList<>();
        private final Deque<Runnable> postFaults = new ArrayDeque<>();
        /** Channels that refuse every post and share, with the error Slack answers. */
        final Map<String, String> refusing = new HashMap<>();
        private final Deque<SlackFailure> lookupFaults = new ArrayDeque<>();
        private final Deque<Runnable> shareFaults = new ArrayDeque<>();
        private boolean actThenFail;
        int posts;
        int uploads;
        int shareCalls;
        int isSharedChecks;

        void failNextPost(SlackFailure failure) {
            postFaults.add(() -> {
                throw failure;
            });
        }

        void refuse(String channel, String error) {
            refusing.put(channel, error);
        }

        private void refuseIfRefusing(String method, String channel) {
            String error = refusing.get(channel);
            if (error != null) {
                throw new SlackFailure(method, error, null, null);
            }
        }

        void actThenFailNextPost() {
            postFaults.add(() -> actThenFail = true);
        }

        void failNextLookup(SlackFailure failure) {
            lookupFaults.add(failure);
        }

        void failNextShare(SlackFailure failure) {
            shareFaults.add(() -> {
                throw failure;
            });
        }

        void actThenFailNextShare() {
            shareFaults.add(() -> actThenFail = true);
        }

        List<String> texts() {
            return messages.stream().map(m -> m.json().replaceAll("^\\{\"text\":\"(.*)\"}$", "$1")).toList();
        }

        @Override
        public String post(String channelId, String threadTs, String messageJson, String postId) {
            posts++;
            refuseIfRefusing("chat.postMessage", channelId);
            runFault(postFaults);
            String ts = "1764616560." + String.format("%06d", messages.size() + 1);
            messages.add(new Posted(channelId, threadTs, ts, messageJson, postId));
            failIfActedOnly("chat.postMessage");
            return ts;
        }

        @Override
        public Optional<String> findPosted(String channelId, String threadTs, String postId, Instant since) {
            lookedSince.add(since);
            lookedFor.add(postId);
            SlackFailure fault = lookupFaults.poll();
            if (fault != null) {
                throw fault;
            }
            return messages.stream().filter(m -> m.postId().equals(postId) && m.channel().equals(channelId)
                    && java.util.Objects.equals(m.threadTs(), threadTs)).map(Posted::ts).findFirst();
        }

        @Override
        public String upload(String fileName, byte[] content) {
            uploads++;
            return "F" + uploads;
        }

        @Override
        public void share(String fileId, String channelId, String threadTs, String title, String comment) {
            shareCalls++;
            refuseIfRefusing("files.completeUploadExternal", channelId);
            runFault(shareFaults);
            shares.put(fileId, channelId + "/" + threadTs);
            failIfActedOnly("files.completeUploadExternal");
        }

        @Override
        public boolean isShared(String fileId, String channelId) {
            isSharedChecks++;
            return shares.getOrDefault(fileId, "").startsWith(channelId + "/");
        }

        @Override
        public String openDirectMessage(String userId) {
            return "D" + userId;
        }

        private static void runFault(Deque<Runnable> faults) {
            Runnable fault = faults.poll();
            if (fault != null) {
                fault.run();
            }
        }

        private void failIfActedOnly(String method) {
            if (actThenFail) {
                actThenFail = false;
                throw new SlackFailure(method, "HTTP 500", null, null);
            }
        }
    }
}
