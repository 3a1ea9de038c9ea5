package dev.scribe.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** The use cases of an incident: open, record, note, close. Slack-free; the adapters call it. */
public final class IncidentService {

    /** Longest title accepted: it must fit Slack's 150-character header with "Incident 1234: ". */
    public static final int MAX_TITLE_LENGTH = 100;

    /** What happened to a message handed to {@link #record}. */
    public enum RecordOutcome { RECORDED, DUPLICATE, NOT_IN_AN_INCIDENT }

    private final IncidentStore store;
    private final Clock clock;

    public IncidentService(IncidentStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The clock all use cases read "now" from. */
    public Clock clock() {
        return clock;
    }

    /**
     * Opens an incident living in {@code channelId}.
     *
     * @throws IncidentException when the title is empty or too long, or the channel has an open incident
     */
    public Incident open(String title, Severity severity, String channelId, String originChannelId, String userId) {
        String cleanTitle = checkTitle(title);
        return store.open(new NewIncident(cleanTitle, severity, channelId, originChannelId, userId, clock.instant()));
    }

    /** Checks a title against the rules of {@link #open} and returns it trimmed. */
    public static String checkTitle(String title) {
        String t = title == null ? "" : title.strip();
        if (t.isEmpty()) {
            throw new IncidentException("An incident needs a title, e.g. `/incident start Checkout errors after deploy`.");
        }
        int length = t.codePointCount(0, t.length());
        if (length > MAX_TITLE_LENGTH) {
            throw new IncidentException("The title is " + length + " characters long; the limit is "
                    + MAX_TITLE_LENGTH + ". Put the details in a `/incident note`.");
        }
        return t;
    }

    /** The open incident of a channel, if any. */
    public Optional<Incident> openIn(String channelId) {
        return store.findOpenInChannel(channelId);
    }

    /** The open incident of a channel, or an {@link IncidentException} saying there is none. */
    public Incident requireOpenIn(String channelId) {
        return openIn(channelId).orElseThrow(() -> new IncidentException(
                "There is no open incident in this channel. Run this in the incident's channel, "
                        + "or start one with `/incident start <title>`."));
    }

    /** Any incident by number. */
    public Optional<Incident> find(int number) {
        return store.find(number);
    }

    /** Records a human message of a channel if the channel has an open incident; once per message. */
    public RecordOutcome record(RecordedMessage message, String eventId) {
        Optional<Incident> incident = openIn(message.channelId());
        if (incident.isEmpty()) {
            return RecordOutcome.NOT_IN_AN_INCIDENT;
        }
        return store.recordMessage(incident.get().number(), message, eventId)
                ? RecordOutcome.RECORDED
                : RecordOutcome.DUPLICATE;
    }

    /** Adds a note (a key entry at the current time) to the channel's open incident. */
    public TimelineEntry note(String channelId, String userId, String text) {
        Incident incident = requireOpenIn(channelId);
        if (text == null || text.isBlank()) {
            throw new IncidentException("A note needs text, e.g. `/incident note rolled back to v2.40`.");
        }
        TimelineEntry entry = TimelineEntry.of(clock.instant(), EntryKind.NOTE, userId, text.strip());
        store.addEntry(incident.number(), entry);
        return entry;
    }

    /** Closes the channel's open incident; refuses when there is none (it may have just been closed). */
    public Incident close(String channelId, String userId, String resolution) {
        Incident incident = requireOpenIn(channelId);
        Instant now = clock.instant();
        return store.close(incident.number(), now, userId, resolution == null ? null : resolution.strip())
                .orElseThrow(() -> new IncidentException("Incident " + incident.number() + " is already closed."));
    }

    /** Remembers the pinned header message of an incident. */
    public void headerPosted(int number, String ts) {
        store.setHeaderTs(number, ts);
    }

    /** Everything recorded for an incident, for compiling its report. */
    public IncidentRecord load(int number) {
        Incident incident = store.find(number)
                .orElseThrow(() -> new IncidentException("There is no incident " + number + "."));
        return new IncidentRecord(incident, store.messages(number), store.entries(number));
    }
}
