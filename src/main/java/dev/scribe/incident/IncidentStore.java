package dev.scribe.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where incidents and what was said in them are kept. Implementations must be safe for several
 * replicas sharing one database: duplicates are refused by the database, not by memory.
 */
public interface IncidentStore {

    /**
     * Stores a new incident under the next free number, with its {@code opened} entry, in one transaction.
     *
     * @throws ChannelHasOpenIncidentException when the channel has an open incident; nothing is stored then
     */
    Incident open(NewIncident incident, TimelineEntry opened);

    /** The open incident living in the channel, if any. */
    Optional<Incident> findOpenInChannel(String channelId);

    /** The incident with this number. */
    Optional<Incident> find(int number);

    /**
     * Records a message in the incident open in its channel, once. Finding that incident and storing the
     * message are one step, so a message is stored in the incident that was open when it was written.
     * Changes nothing when no incident is open there, or when the same message (channel and ts) was recorded
     * before: a Slack retry carries the same message, whatever replica it reaches. {@code eventId} is Slack's id
     * for the event that carried it (may be null), for logs. A store may instead take the message to be stored
     * a moment later ({@link RecordOutcome#ACCEPTED}); it then answers every later call as if it had been
     * stored at once.
     */
    RecordOutcome recordInOpenIncident(RecordedMessage message, String eventId);

    /** Adds an entry to the incident's timeline. */
    void addEntry(int incidentNumber, TimelineEntry entry);

    /**
     * Closes the incident if it is open, at the time of its {@code closed} entry, which is added in the same
     * transaction. Returns the closed incident, or empty when it was closed already (nothing is added then).
     */
    Optional<Incident> close(int number, String resolution, TimelineEntry closed);

    /** Remembers the ts of the header message pinned in the incident's channel. */
    void setHeaderTs(int number, String ts);

    /**
     * The incident's messages in time order, read from the store each time the log is gone through (after
     * every message taken before that moment is stored), never all held at once.
     */
    MessageLog messages(int incidentNumber);

    /** The incident's timeline entries in time order. */
    List<TimelineEntry> entries(int incidentNumber);

    /**
     * What the key timings of each incident are derived from, for figures across many incidents without compiling
     * their reports: its timeline entries, and one entry per message and kind marked on it (however many people
     * marked it) at the message's time, for its recorded messages that are not deleted, exactly the entries the
     * report compiler derives them from. Every number asked for is a key of the answer; the entries are in no
     * particular order. This default goes through each incident's messages; a store should answer it in a few reads.
     */
    default Map<Integer, List<TimelineEntry>> timingEntries(Collection<Integer> incidentNumbers) {
        Map<Integer, List<TimelineEntry>> all = new LinkedHashMap<>();
        for (int number : incidentNumbers) {
            List<TimelineEntry> entries = new ArrayList<>(entries(number));
            Map<String, List<Mark>> marksByMessage = new HashMap<>();
            for (Mark mark : marks(number)) {
                marksByMessage.computeIfAbsent(mark.channelId() + "/" + mark.ts(), k -> new ArrayList<>()).add(mark);
            }
            messages(number).forEach(m -> {
                Set<EntryKind> kinds = new HashSet<>();
                for (Mark mark : marksByMessage.getOrDefault(m.channelId() + "/" + m.ts(), List.of())) {
                    if (kinds.add(mark.kind())) {
                        entries.add(new TimelineEntry(m.postedAt(), mark.kind(), m.authorId(), m.text(), m.ts()));
                    }
                }
            });
            all.put(number, entries);
        }
        return all;
    }

    /**
     * Records one person's reaction as a mark of the incident; false when it was recorded before.
     * The message need not be recorded yet.
     */
    boolean addMark(int incidentNumber, Mark mark, String reaction, Instant at);

    /** Removes one person's reaction; false when there was none. */
    boolean removeMark(String channelId, String ts, String reaction, String userId);

    /** The marks of the incident. */
    List<Mark> marks(int incidentNumber);

    /** Replaces a recorded message's text, keeping the earlier text; false when no such message is recorded. */
    boolean editMessage(String channelId, String ts, String newText, Instant editedAt);

    /** Takes a message out of every report (it stays stored); false when no such message is recorded. */
    boolean deleteMessage(String channelId, String ts, Instant deletedAt);

    /**
     * Applies a change of status, severity, commander or another role's holder and adds its timeline entry, in one
     * transaction.
     */
    Incident change(int number, IncidentChange change, TimelineEntry entry);

    /** Who holds each role other than the commander's in the incident, by role name. */
    java.util.Map<String, String> roleHolders(int number);

    /** Up to {@code limit} incidents the filter takes, newest start first, skipping the first {@code offset}. */
    List<Incident> page(IncidentFilter filter, int offset, int limit);

    /**
     * Reopens the channel's most recently closed incident, adding its {@code reopened} entry in the same transaction;
     * empty when the channel has no closed incident.
     *
     * @throws ChannelHasOpenIncidentException when the channel has an open incident; nothing is changed then
     */
    Optional<Incident> reopenLast(String channelId, TimelineEntry reopened);

    /** The channel's most recently closed incident, if any. */
    Optional<Incident> lastClosedInChannel(String channelId);

    /** Every open incident, oldest first. */
    List<Incident> listOpen();

    /**
     * True when the message is recorded in that incident and not deleted, once every message taken before this call
     * is stored.
     */
    boolean isRecorded(int incidentNumber, String channelId, String ts);

    /**
     * Puts a message from outside the incident's record on its timeline; false, changing nothing, when that message
     * (channel and ts) is on it already: the database refuses a second, on any replica.
     */
    boolean addToTimeline(int incidentNumber, AddedMessage message, Instant addedAt);

    /** Remembers Slack's link to a message added to the incident's timeline. */
    void setAddedPermalink(int incidentNumber, String channelId, String ts, String permalink);

    /** The messages added to the incident's timeline, in time order. */
    List<AddedMessage> addedMessages(int incidentNumber);

    /** Up to {@code limit} closed incidents, the most recently closed first. */
    List<Incident> lastClosed(int limit);

    /**
     * What of the incident was read back from Slack after a gap, and whether a read is under way; a store that never
     * catches up has nothing to say.
     */
    default ReadBack readBack(int incidentNumber) {
        return ReadBack.NONE;
    }

    /** True when the store answers (for the health check). */
    boolean isHealthy();
}
