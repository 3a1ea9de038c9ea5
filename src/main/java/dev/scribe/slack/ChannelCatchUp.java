package dev.scribe.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.model.Message;
import com.slack.api.model.Reaction;
import com.slack.api.model.ResponseMetadata;
import dev.scribe.incident.CatchUps;
import dev.scribe.incident.CatchUps.Claim;
import dev.scribe.incident.CatchUps.MarkedReaction;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentService;
import dev.scribe.incident.ReactionMap;
import dev.scribe.incident.RecordOutcome;
import dev.scribe.incident.RecordedMessage;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * One incident's read-back after a gap, one Slack call per {@link #step()}: the channel's history from the newest
 * message (up to when the catch-up was asked for) down to the incident's start, page by page, and after each page the
 * threads on it that changed. What the bot did not have is recorded through the same path as a live message
 * ({@link PeopleMessages}, {@link IncidentService#record}): once, at its own ts. Edits Slack shows ({@code edited}) replace
 * the text; a recorded message Slack no longer has (deleted while the bot was away) leaves the report; reactions on the
 * messages read back mark them as live reactions do, and a mark whose reaction is gone is removed.
 *
 * <p>The whole incident is read, not only what came after the last message recorded: a reply while the bot was away
 * in a thread started long before is found only through its parent's {@code latest_reply}. How far the read came is
 * stored after each page and its threads, so a restart goes on from there. Not thread-safe: one step at a time.
 */
final class ChannelCatchUp {

    static final String HISTORY = "conversations.history";
    static final String REPLIES = "conversations.replies";
    /** Messages asked for per call: Slack's recommended page size (history allows 999, but warns above 200). */
    static final int PAGE = 200;

    /** What a step left to do. */
    enum Next { MORE, DONE }

    /** A message as recorded before the read began: enough to see whether Slack's copy is newer. */
    private record Recorded(String parentTs, String body) {
    }

    /** A thread whose replies are being read, page by page. */
    private static final class ThreadRead {
        final String parentTs;
        String cursor;
        final Set<String> seen = new HashSet<>();

        ThreadRead(String parentTs) {
            this.parentTs = parentTs;
        }
    }

    private final IncidentService incidents;
    private final CatchUps catchUps;
    private final MethodsClient methods;
    private final SlackPacer pacer;
    private final String worker;
    private final Incident incident;
    private final String channel;
    /** The read covers messages up to this ts: what came later arrived live (or is another catch-up's). */
    private final String upperTs;
    /** ...and down to the incident's start: the channel's earlier messages are not the incident's. */
    private final String oldestTs;
    private final Map<String, Recorded> recorded = new HashMap<>();
    /** The recorded top-level messages, and each thread's recorded replies, in ts order. */
    private final NavigableSet<String> topLevel = new TreeSet<>(ChannelCatchUp::compareTs);
    private final Map<String, NavigableSet<String>> replies = new HashMap<>();
    private final Map<String, Set<MarkedReaction>> marks = new HashMap<>();
    private final Deque<ThreadRead> threads = new ArrayDeque<>();

    /** The current history query: below this ts (exclusive), or from {@link #upperTs} (inclusive) when null. */
    private String below;
    private String cursor;
    /** The top of the stretch of history the next page covers (its newest possible ts). */
    private String top;
    private boolean topInclusive;
    /** Where the last page read reaches down to, stored once its threads are read; null before any page. */
    private String pageBottom;
    private boolean historyDone;
    private int recovered;
    private Instant firstRecovered;

    /**
     * Prepares the read of a claimed catch-up: what the incident holds now (its messages, each person's reactions) is
     * what Slack's copy is compared with.
     */
    ChannelCatchUp(IncidentService incidents, CatchUps catchUps, MethodsClient methods, SlackPacer pacer, String worker,
                   Incident incident, Claim claim) {
        this.incidents = incidents;
        this.catchUps = catchUps;
        this.methods = methods;
        this.pacer = pacer;
        this.worker = worker;
        this.incident = incident;
        this.channel = incident.channelId();
        this.upperTs = SlackTs.format(claim.requestedAt());
        this.oldestTs = SlackTs.format(incident.startedAt());
        this.below = claim.resumeBeforeTs().orElse(null);
        this.top = below == null ? upperTs : below;
        this.topInclusive = below == null;
        this.recovered = claim.recovered();
        this.firstRecovered = claim.firstRecovered().orElse(null);
        incidents.load(incident.number()).messages().forEach(m -> remember(m.ts(), m.parentTs().orElse(null), m.text()));
        for (MarkedReaction r : catchUps.markedReactions(incident.number())) {
            marks.computeIfAbsent(r.ts(), ts -> new HashSet<>()).add(r);
        }
    }

    int number() {
        return incident.number();
    }

    /** Messages recorded by this read (and by the part of it done before a restart). */
    int recovered() {
        return recovered;
    }

    /** When the earliest of them was written. */
    Optional<Instant> firstRecovered() {
        return Optional.ofNullable(firstRecovered);
    }

    /**
     * Makes the next call and applies what it answered: a page of a changed thread when one is waiting, else the next
     * page of history. A call that fails ({@link SlackCallException}) changes nothing, so the same step can be tried
     * again; an interruption (the bot stopping) leaves the progress stored so far.
     *
     * @throws LeaseLostException when the lease was lost to another replica: it goes on from the stored progress
     */
    Next step() throws InterruptedException {
        if (!threads.isEmpty()) {
            readReplies(threads.peek());
        } else if (!historyDone) {
            readHistory();
        }
        if (threads.isEmpty() && pageBottom != null) {
            // The page and its threads are done: a restart goes on below it.
            if (!catchUps.progress(incident.number(), worker, pageBottom, recovered, firstRecovered(),
                    CatchUp.leaseFrom(incidents.clock().instant()))) {
                throw new LeaseLostException(incident.number());
            }
            pageBottom = null;
        }
        return historyDone && threads.isEmpty() ? Next.DONE : Next.MORE;
    }

    private void readHistory() throws InterruptedException {
        String page = cursor;
        boolean fromTop = below == null;
        String latest = fromTop ? upperTs : below;
        pacer.await(HISTORY);
        var history = SlackCalls.require(HISTORY, () -> methods.conversationsHistory(r -> r.channel(channel)
                .latest(latest).inclusive(fromTop).oldest(oldestTs).limit(PAGE).cursor(page)));
        List<Message> messages = history.getMessages() == null ? List.of() : history.getMessages();
        String next = nextCursor(history.isHasMore(), history.getResponseMetadata());
        String bottom = messages.stream().map(Message::getTs).filter(SlackTs::isValid)
                .min(ChannelCatchUp::compareTs).orElse(null);
        boolean more = history.isHasMore() && bottom != null;

        Set<String> seen = new HashSet<>();
        for (Message m : messages) {
            if (person(m)) {
                apply(m).ifPresent(seen::add);
            }
            if (isTopLevel(m)) {
                threadChanged(m).ifPresent(threads::add);
            }
        }
        // Recorded top-level messages in the stretch this page covers that Slack no longer has were deleted meanwhile.
        String low = more ? bottom : oldestTs;
        if (compareTs(low, top) <= 0) {
            for (String ts : new ArrayList<>(topLevel.subSet(low, true, top, topInclusive))) {
                if (!seen.contains(ts)) {
                    deleted(ts);
                }
            }
        }
        if (more) {
            top = bottom;
            topInclusive = false;
            // Slack pages with a cursor; without one, the next query starts below this page.
            cursor = next;
            if (next == null) {
                below = bottom;
            }
            pageBottom = bottom;
        } else {
            historyDone = true;
        }
    }

    private void readReplies(ThreadRead thread) throws InterruptedException {
        String page = thread.cursor;
        pacer.await(REPLIES);
        List<Message> messages;
        String next;
        try {
            var replies = SlackCalls.require(REPLIES, () -> methods.conversationsReplies(r -> r.channel(channel)
                    .ts(thread.parentTs).limit(PAGE).cursor(page)));
            messages = replies.getMessages() == null ? List.of() : replies.getMessages();
            next = nextCursor(replies.isHasMore(), replies.getResponseMetadata());
        } catch (SlackCallException e) {
            if (!"thread_not_found".equals(e.error())) {
                throw e;
            }
            // The parent and its replies are gone: nothing of the thread is left to find.
            messages = List.of();
            next = null;
        }
        for (Message m : messages) {
            if (!thread.parentTs.equals(m.getTs()) && person(m)) {
                apply(m).ifPresent(thread.seen::add);
            }
        }
        if (next != null) {
            thread.cursor = next;
            return;
        }
        for (String ts : new ArrayList<>(replies.getOrDefault(thread.parentTs, new TreeSet<>()))) {
            if (compareTs(ts, upperTs) <= 0 && !thread.seen.contains(ts)) {
                deleted(ts);
            }
        }
        threads.poll();
    }

    /** A person's message Slack has: recorded if the bot did not have it, its edit applied, its reactions matched. */
    private Optional<String> apply(Message m) {
        Optional<RecordedMessage> message = PeopleMessages.of(channel, m.getTs(), m.getThreadTs(), m.getUser(), m.getText());
        if (message.isEmpty()) {
            return Optional.empty();
        }
        RecordedMessage read = message.get();
        Recorded before = recorded.get(read.ts());
        if (before == null) {
            RecordOutcome outcome = incidents.record(read, null);
            if (outcome == RecordOutcome.NOT_IN_AN_INCIDENT) {
                // Closed meanwhile: nothing more can be recorded in it, and its report is compiled.
                throw new IncidentClosedException(incident.number());
            }
            if (outcome == RecordOutcome.RECORDED || outcome == RecordOutcome.ACCEPTED) {
                recovered++;
                if (firstRecovered == null || read.postedAt().isBefore(firstRecovered)) {
                    firstRecovered = read.postedAt();
                }
            }
            if (outcome != RecordOutcome.IMPLAUSIBLE_TIME) {
                remember(read.ts(), read.parentTs().orElse(null), read.text());
            }
        } else if (m.getEdited() != null && m.getText() != null && !m.getText().equals(before.body())) {
            String editedTs = m.getEdited().getTs();
            Instant editedAt = SlackTs.isValid(editedTs) ? SlackTs.toInstant(editedTs) : incidents.clock().instant();
            incidents.edit(channel, read.ts(), m.getText(), editedAt);
            recorded.put(read.ts(), new Recorded(before.parentTs(), m.getText()));
        }
        matchReactions(read.ts(), m.getReactions());
        return Optional.of(read.ts());
    }

    /**
     * Marks the message for each person's reaction from the table that is not marked yet, and removes the marks whose
     * reaction is gone. Slack lists only some of the people behind a popular reaction ({@code count} is larger than
     * {@code users}): a mark by someone not listed then stays, since nobody can tell.
     */
    private void matchReactions(String ts, List<Reaction> reactions) {
        record Present(Set<String> users, int count) {
        }
        Map<String, Present> present = new LinkedHashMap<>();
        for (Reaction r : reactions == null ? List.<Reaction>of() : reactions) {
            if (r.getName() == null) {
                continue;
            }
            String name = ReactionMap.normalize(r.getName());
            Present p = present.computeIfAbsent(name, n -> new Present(new HashSet<>(), 0));
            if (r.getUsers() != null) {
                p.users().addAll(r.getUsers());
            }
            present.put(name, new Present(p.users(), p.count() + (r.getCount() == null ? 0 : r.getCount())));
        }
        Set<MarkedReaction> marked = marks.computeIfAbsent(ts, t -> new HashSet<>());
        for (Map.Entry<String, Present> e : present.entrySet()) {
            if (incidents.reactions().kindOf(e.getKey()).isEmpty()) {
                continue;
            }
            for (String user : e.getValue().users()) {
                MarkedReaction mark = new MarkedReaction(ts, e.getKey(), user);
                if (SlackIds.isValid(user) && !marked.contains(mark)) {
                    incidents.mark(channel, ts, e.getKey(), user);
                    marked.add(mark);
                }
            }
        }
        for (MarkedReaction mark : new ArrayList<>(marked)) {
            Present p = present.get(mark.reaction());
            boolean complete = p == null || p.users().size() >= p.count();
            if (p == null || complete && !p.users().contains(mark.userId())) {
                incidents.unmark(channel, ts, mark.reaction(), mark.userId());
                marked.remove(mark);
            }
        }
    }

    private void deleted(String ts) {
        incidents.delete(channel, ts);
        Recorded gone = recorded.remove(ts);
        if (gone != null && gone.parentTs() == null) {
            topLevel.remove(ts);
        } else if (gone != null) {
            replies.getOrDefault(gone.parentTs(), new TreeSet<>()).remove(ts);
        }
    }

    private void remember(String ts, String parentTs, String body) {
        recorded.put(ts, new Recorded(parentTs, body));
        if (parentTs == null) {
            topLevel.add(ts);
        } else {
            replies.computeIfAbsent(parentTs, p -> new TreeSet<>(ChannelCatchUp::compareTs)).add(ts);
        }
    }

    /**
     * The thread under a top-level message, when its replies changed since they were recorded: Slack counts more or
     * fewer replies than recorded, or its latest reply is another. Bots' replies count for Slack, so a thread with
     * some is read each time.
     */
    private Optional<ThreadRead> threadChanged(Message parent) {
        String ts = parent.getTs();
        NavigableSet<String> recordedReplies = replies.getOrDefault(ts, new TreeSet<>());
        int count = recordedReplies.size();
        String latest = recordedReplies.isEmpty() ? null : recordedReplies.last();
        int slackCount = parent.getReplyCount() == null ? 0 : parent.getReplyCount();
        if (slackCount == 0 && count == 0) {
            return Optional.empty();
        }
        boolean same = slackCount == count && Objects.equals(parent.getLatestReply(), latest);
        return same ? Optional.empty() : Optional.of(new ThreadRead(ts));
    }

    private static boolean person(Message m) {
        return PeopleMessages.isPerson(m.getSubtype(), m.getBotId()) && SlackTs.isValid(m.getTs());
    }

    /** A message that is not a reply: replies sent to the channel too show in the history, but belong to a thread. */
    private static boolean isTopLevel(Message m) {
        return SlackTs.isValid(m.getTs()) && (m.getThreadTs() == null || m.getThreadTs().equals(m.getTs()));
    }

    private static String nextCursor(boolean hasMore, ResponseMetadata metadata) {
        if (!hasMore || metadata == null || metadata.getNextCursor() == null || metadata.getNextCursor().isBlank()) {
            return null;
        }
        return metadata.getNextCursor();
    }

    static int compareTs(String a, String b) {
        return SlackTs.toInstant(a).compareTo(SlackTs.toInstant(b));
    }

    /** Another replica holds the read now (this one's lease ran out): it goes on from the progress stored. */
    static final class LeaseLostException extends RuntimeException {
        LeaseLostException(int number) {
            super("another replica took over the catch-up of incident " + number, null, false, false);
        }
    }

    /** The incident was closed during its read-back: the read ends there. */
    static final class IncidentClosedException extends RuntimeException {
        IncidentClosedException(int number) {
            super("incident " + number + " was closed during its catch-up", null, false, false);
        }
    }
}
