package dev.scribe.incident;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The use cases of an incident: open, record, note, close. Slack-free; the adapters call it. */
public final class IncidentService {

    /** Longest title accepted: it must fit Slack's 150-character header with "Incident 1234: ". */
    public static final int MAX_TITLE_LENGTH = 100;

    /** Longest "what is known so far" accepted from the declare form, as long as a note. */
    public static final int MAX_KNOWN_LENGTH = 3000;

    /**
     * The earliest date {@code at} accepts: no Slack workspace is older, so an earlier date is a typo (and a year
     * like 1600 is no incident's).
     */
    public static final LocalDate EARLIEST_AT = LocalDate.ofInstant(MessageTimes.EARLIEST, java.time.ZoneOffset.UTC);

    private static final DateTimeFormatter SHOWN = ShownTimes.DATE_TIME_ZONE;
    private static final DateTimeFormatter LOCAL = ShownTimes.DATE_TIME;
    private static final DateTimeFormatter HH_MM = ShownTimes.HH_MM;
    private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

    private final IncidentStore store;
    private final Clock clock;
    private final ZoneId zone;
    private final ReactionMap reactions;
    private final Roles roles;

    /**
     * @param zone      the time zone {@code at} times are read in when neither the command nor the typist's Slack
     *                  profile gives one (SCRIBE_TIMEZONE)
     * @param reactions which emoji mark which kind
     * @param roles     the roles an incident has (SCRIBE_ROLES)
     */
    public IncidentService(IncidentStore store, Clock clock, ZoneId zone, ReactionMap reactions, Roles roles) {
        this.store = store;
        this.clock = clock;
        this.zone = zone;
        this.reactions = reactions;
        this.roles = roles;
    }

    /** A service with the default roles. */
    public IncidentService(IncidentStore store, Clock clock, ZoneId zone, ReactionMap reactions) {
        this(store, clock, zone, reactions, Roles.defaults());
    }

    /** A service in UTC with the default reactions. */
    public IncidentService(IncidentStore store, Clock clock) {
        this(store, clock, ZoneId.of("UTC"), ReactionMap.defaults());
    }

    /** Which emoji mark which kind, as configured: what the help and the header teach. */
    public ReactionMap reactions() {
        return reactions;
    }

    /** The roles an incident has, as configured: what the header offers and {@code role} accepts. */
    public Roles roles() {
        return roles;
    }

    /** The clock all use cases read "now" from. */
    public Clock clock() {
        return clock;
    }

    /**
     * Opens an incident living in {@code channelId}: investigating, led by whoever opened it, its timeline starting
     * with the entry that names it.
     *
     * @throws IncidentException when the title is empty or too long, or the channel has an open incident
     */
    public Incident open(String title, Severity severity, String channelId, String originChannelId, String userId) {
        return open(new Declaration(title, severity, ""), channelId, originChannelId, userId);
    }

    /**
     * Opens a declared incident as {@link #open(String, Severity, String, String, String)} does; what the declarer
     * knew so far, when given, is the entry right after the opening one ({@link EntryKind#IMPACT}), at the same time.
     * {@code originChannelId} is null when it was declared from no channel (a global shortcut).
     *
     * @throws IncidentException when the title is empty or too long, what is known is too long, or the channel has
     *                           an open incident
     */
    public Incident open(Declaration declaration, String channelId, String originChannelId, String userId) {
        String known = checkKnownSoFar(declaration.knownSoFar());
        Severity severity = declaration.severity();
        String cleanTitle = checkTitle(declaration.title());
        requireNoneOpenIn(channelId);
        Instant now = clock.instant();
        NewIncident incident = new NewIncident(cleanTitle, severity, Status.INVESTIGATING, channelId, originChannelId,
                userId, userId, now);
        // Entries are in Slack's encoding, like messages; the title is plain text.
        TimelineEntry opened = TimelineEntry.of(now, EntryKind.STARTED, userId,
                "Incident opened: " + UserText.asSlackMarkup(cleanTitle));
        try {
            Incident stored = store.open(incident, opened);
            if (!known.isEmpty()) {
                // Plain text typed in a form, stored in Slack's encoding like every entry.
                store.addEntry(stored.number(), TimelineEntry.of(now, EntryKind.IMPACT, userId, UserText.asSlackMarkup(known)));
            }
            return stored;
        } catch (ChannelHasOpenIncidentException e) {
            // Another request (or replica) opened one in this channel at the same moment.
            throw openIn(channelId).map(IncidentService::alreadyOpen).orElseGet(() -> new IncidentException(
                    "Another incident was being opened in this channel at the same moment; run `/incident list` to see it."));
        }
    }

    /**
     * Refuses when the channel has an open incident: one channel records one incident at a time, and an incident is
     * not started from within another.
     *
     * @throws IncidentException naming the open incident
     */
    public void requireNoneOpenIn(String channelId) {
        openIn(channelId).ifPresent(open -> {
            throw alreadyOpen(open);
        });
    }

    private static IncidentException alreadyOpen(Incident open) {
        return new IncidentException("Incident " + open.number() + " (" + open.title()
                + ") is already open in this channel. Close it with `/incident close` first.");
    }

    /**
     * Checks a title against the rules of {@link #open} and returns it as one line: line breaks and runs of
     * spaces become one space and control or invisible characters are dropped ({@link UserText#oneLine}), so
     * a title can never start a line of its own in a report.
     */
    public static String checkTitle(String title) {
        String t = UserText.oneLine(title);
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

    /**
     * Checks what a declarer knew so far against its limit and returns it without surrounding blank space (empty
     * when nothing was given). Line breaks are kept: it is several lines of prose.
     *
     * @throws IncidentException when it is longer than {@link #MAX_KNOWN_LENGTH} characters
     */
    public static String checkKnownSoFar(String known) {
        String k = known == null ? "" : known.strip();
        int length = k.codePointCount(0, k.length());
        if (length > MAX_KNOWN_LENGTH) {
            throw new IncidentException("What is known so far is " + length + " characters long; the limit is "
                    + MAX_KNOWN_LENGTH + ". Add the rest in the incident's channel.");
        }
        return k;
    }

    /** The open incident of a channel, if any. */
    public Optional<Incident> openIn(String channelId) {
        return store.findOpenInChannel(channelId);
    }

    /**
     * The open incident of a channel, or an {@link IncidentException} saying there is none: that the channel's
     * last incident is closed and can be reopened, when it has one.
     */
    public Incident requireOpenIn(String channelId) {
        return openIn(channelId).orElseThrow(() -> new IncidentException(store.lastClosedInChannel(channelId)
                .map(closed -> "Incident " + closed.number() + " (" + closed.title() + ") is closed. Run "
                        + "`/incident reopen` to record in it again, or `/incident start <title>` for a new incident.")
                .orElse("There is no open incident in this channel. Run this in the incident's channel, "
                        + "or start one with `/incident start <title>`.")));
    }

    /** What a button or form of a closed incident answers, however it got there. */
    private static IncidentException closedAlready(int number) {
        return new IncidentException("Incident " + number + " is closed; `/incident reopen` in its channel to continue.");
    }

    /** The channel's most recently closed incident, if any. */
    public Optional<Incident> lastClosedIn(String channelId) {
        return store.lastClosedInChannel(channelId);
    }

    /** Up to {@code limit} incidents the filter takes, newest first, from {@code offset}: the web list. */
    public List<Incident> page(IncidentFilter filter, int offset, int limit) {
        return store.page(filter, offset, limit);
    }

    /** Any incident by number. */
    public Optional<Incident> find(int number) {
        return store.find(number);
    }

    /**
     * Records a human message of a channel if the channel has an open incident; once per message. A message whose
     * time no Slack message can have is refused ({@link RecordOutcome#IMPLAUSIBLE_TIME}).
     */
    public RecordOutcome record(RecordedMessage message, String eventId) {
        if (!MessageTimes.isPlausible(message.postedAt(), clock.instant())) {
            return RecordOutcome.IMPLAUSIBLE_TIME;
        }
        return store.recordInOpenIncident(message, eventId);
    }

    /** Adds a note (a key entry at the current time) to the channel's open incident. */
    public TimelineEntry note(String channelId, String userId, String text) {
        return note(requireOpenIn(channelId), userId, text);
    }

    /** Adds a note to incident {@code number}, refused when it is closed ({@link #requireOpen}). */
    public TimelineEntry note(int number, String userId, String text) {
        return note(requireOpen(number), userId, text);
    }

    private TimelineEntry note(Incident incident, String userId, String text) {
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
        return close(incident, userId, resolution)
                .orElseThrow(() -> new IncidentException("Incident " + incident.number() + " is already closed."));
    }

    /** Closes incident {@code number}; refuses when it is closed already, or was closed a moment ago by someone else. */
    public Incident close(int number, String userId, String resolution) {
        return close(requireOpen(number), userId, resolution).orElseThrow(() -> closedAlready(number));
    }

    private Optional<Incident> close(Incident incident, String userId, String resolution) {
        String cleanResolution = resolution == null ? null : resolution.strip();
        String text = cleanResolution == null || cleanResolution.isEmpty() ? "Incident closed"
                : "Incident closed: " + cleanResolution;
        return store.close(incident.number(), cleanResolution, TimelineEntry.of(clock.instant(), EntryKind.CLOSED, userId, text));
    }

    /**
     * Marks a message of the channel's open incident with the kind its reaction stands for. Empty when the
     * emoji marks nothing, the channel has no open incident, or the same person's reaction was counted before.
     */
    public Optional<Mark> mark(String channelId, String ts, String reaction, String userId) {
        Optional<EntryKind> kind = reactions.kindOf(reaction);
        Optional<Incident> incident = openIn(channelId);
        if (kind.isEmpty() || incident.isEmpty()) {
            return Optional.empty();
        }
        Mark mark = new Mark(channelId, ts, kind.get(), userId);
        return store.addMark(incident.get().number(), mark, ReactionMap.normalize(reaction), clock.instant())
                ? Optional.of(mark) : Optional.empty();
    }

    /**
     * Puts a message on an open incident's timeline at its own time, as the kind chosen, by {@code message.addedBy()}:
     * a mark when it is a message the incident recorded (as a reaction of that kind would make), else an entry of its
     * own carrying its author, text and link. The same message twice is one entry.
     *
     * @throws IncidentException when the incident is not there or closed, or the message has a time no Slack message has
     */
    public AddedToTimeline addToTimeline(int number, AddedMessage message) {
        Incident incident = requireOpen(number);
        Instant now = clock.instant();
        if (!MessageTimes.isPlausible(message.postedAt(), now)) {
            throw new IncidentException("That message's time is not one a Slack message can have, so it was not added.");
        }
        if (message.channelId().equals(incident.channelId()) && store.isRecorded(number, message.channelId(), message.ts())) {
            Mark mark = new Mark(message.channelId(), message.ts(), message.kind(), message.addedBy());
            return store.addMark(number, mark, Mark.BY_SHORTCUT, now) ? AddedToTimeline.MARKED : AddedToTimeline.ALREADY_THERE;
        }
        return store.addToTimeline(number, message, now) ? AddedToTimeline.ADDED : AddedToTimeline.ALREADY_THERE;
    }

    /** Remembers Slack's link to a message added to an incident's timeline (asked of Slack after the answer). */
    public void addedPermalink(int number, String channelId, String ts, String permalink) {
        store.setAddedPermalink(number, channelId, ts, permalink);
    }

    /**
     * The incident with this number if it is open: what a button, form or shortcut of an incident acts on.
     *
     * @throws IncidentException saying it is closed (and how to continue) or not there
     */
    public Incident requireOpen(int number) {
        Incident incident = store.find(number)
                .orElseThrow(() -> new IncidentException("There is no incident " + number + "."));
        if (!incident.isOpen()) {
            throw closedAlready(number);
        }
        return incident;
    }

    /** Up to {@code limit} closed incidents, the most recently closed first. */
    public List<Incident> lastClosed(int limit) {
        return store.lastClosed(limit);
    }

    /** Removes one person's reaction; the message stays marked while others still have it. */
    public boolean unmark(String channelId, String ts, String reaction, String userId) {
        return reactions.kindOf(reaction).isPresent()
                && store.removeMark(channelId, ts, ReactionMap.normalize(reaction), userId);
    }

    /**
     * Shows a message's new text from now on (the earlier text is kept). An edit without a text (Slack sends
     * some for attachments or unfurls only) changes nothing: the message still says what it said.
     */
    public boolean edit(String channelId, String ts, String newText, Instant editedAt) {
        if (newText == null) {
            return false;
        }
        return store.editMessage(channelId, ts, newText, editedAt);
    }

    /** Takes a deleted message out of every report. */
    public boolean delete(String channelId, String ts) {
        return store.deleteMessage(channelId, ts, clock.instant());
    }

    /**
     * Adds a backdated entry. The time is read in {@code readIn} (the zone typed after it, else the typist's own
     * Slack time zone), or in the configured zone when that is null. Without a date, {@code time} is its most
     * recent occurrence not in the future. A leading emoji that marks a kind sets the entry's kind (else it is a
     * note and the emoji stays in the text).
     *
     * @throws IncidentException when the time is refused ({@link #resolveAt}); nothing is recorded then
     */
    public TimelineEntry at(String channelId, String userId, LocalDate date, LocalTime time, ZoneId readIn,
                            String emoji, String text) {
        Incident incident = requireOpenIn(channelId);
        Instant at = resolveAt(date, time, readIn, clock.instant());
        Optional<EntryKind> kind = emoji == null ? Optional.empty() : reactions.kindOf(emoji);
        String body = kind.isEmpty() && emoji != null ? emoji + " " + text : text;
        TimelineEntry entry = TimelineEntry.of(at, kind.orElse(EntryKind.NOTE), userId, body.strip());
        store.addEntry(incident.number(), entry);
        return entry;
    }

    /** The zone {@code at} reads a time in when none is given: the configured one. */
    public ZoneId zone() {
        return zone;
    }

    Instant resolveAt(LocalDate date, LocalTime time, Instant now) {
        return resolveAt(date, time, null, now);
    }

    /**
     * The instant a typed date and time stand for in {@code readIn} (the configured zone when null). Never a guess:
     * a local time that happened twice (clocks going back) is refused with both offsets and how to type each, and
     * one that never happened (clocks going forward) is refused saying so; an explicit offset has neither problem.
     * A date before {@link #EARLIEST_AT} and a time in the future are refused too.
     */
    Instant resolveAt(LocalDate date, LocalTime time, ZoneId readIn, Instant now) {
        ZoneId in = readIn == null ? zone : readIn;
        ZonedDateTime today = now.atZone(in);
        if (date == null) {
            LocalDate day = today.toLocalDate();
            if (!happenedBy(LocalDateTime.of(day, time), in, now)) {
                day = day.minusDays(1);
            }
            // Of a repeated time only the occurrences already past count: at 01:10 EST, 01:30 means 01:30 EDT.
            List<Instant> past = occurrences(LocalDateTime.of(day, time), in).stream().filter(i -> !i.isAfter(now)).toList();
            return only(past, LocalDateTime.of(day, time), in);
        }
        if (date.isBefore(EARLIEST_AT)) {
            throw new IncidentException("`" + SHOWN.format(ZonedDateTime.of(date, time, in)) + "` is before " + EARLIEST_AT
                    + ", older than any Slack workspace; check the year.");
        }
        Instant at = only(occurrences(LocalDateTime.of(date, time), in), LocalDateTime.of(date, time), in);
        if (at.isAfter(now)) {
            throw new IncidentException("`" + SHOWN.format(at.atZone(in)) + "` is in the future (it is now "
                    + SHOWN.format(today) + "); `at` records what already happened.");
        }
        return at;
    }

    /** The instants a local time stands for in a zone, earliest first: none in a gap, two in an overlap. */
    private static List<Instant> occurrences(LocalDateTime local, ZoneId in) {
        return in.getRules().getValidOffsets(local).stream().map(local::toInstant).sorted().toList();
    }

    /** True when the local time (or, for one that never happened, the moment the clocks jumped) is not after now. */
    private static boolean happenedBy(LocalDateTime local, ZoneId in, Instant now) {
        List<Instant> all = occurrences(local, in);
        Instant first = all.isEmpty() ? in.getRules().getTransition(local).getInstant() : all.get(0);
        return !first.isAfter(now);
    }

    /** The one instant a local time stands for, or the refusal that says why there is not exactly one. */
    private static Instant only(List<Instant> instants, LocalDateTime local, ZoneId in) {
        if (instants.size() == 1) {
            return instants.get(0);
        }
        String typed = LOCAL.format(local);
        ZoneOffsetTransition change = in.getRules().getTransition(local);
        String before = ZONE_NAME.format(change.getInstant().minusSeconds(1).atZone(in));
        String after = ZONE_NAME.format(change.getInstant().atZone(in));
        String jump = "at " + HH_MM.format(change.getDateTimeBefore()) + " " + before + " the clocks went "
                + (change.isGap() ? "forward" : "back") + " to " + HH_MM.format(change.getDateTimeAfter()) + " " + after;
        if (change.isGap()) {
            throw new IncidentException("`" + typed + "` never happened in " + in.getId() + ": " + jump
                    + ". Nothing was recorded; check the time.");
        }
        String first = typed + " " + TypedZone.typed(change.getOffsetBefore(), before);
        String second = typed + " " + TypedZone.typed(change.getOffsetAfter(), after);
        throw new IncidentException("`" + typed + "` happened twice in " + in.getId() + " (" + jump + "). Which one? Say `"
                + first + "` for the first (" + offset(change.getOffsetBefore()) + ") or `" + second + "` for the second ("
                + offset(change.getOffsetAfter()) + "). Nothing was recorded.");
    }

    /** {@code -05:00}, and {@code +00:00} rather than Java's {@code Z}. */
    private static String offset(ZoneOffset offset) {
        return offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId();
    }

    /** Changes the status; recorded on the timeline. */
    public Incident status(String channelId, String userId, Status status) {
        return status(requireOpenIn(channelId), userId, status);
    }

    /** Changes the status of incident {@code number}, refused when it is closed; recorded as {@code status} records it. */
    public Incident status(int number, String userId, Status status) {
        return status(requireOpen(number), userId, status);
    }

    private Incident status(Incident incident, String userId, Status status) {
        return store.change(incident.number(), new IncidentChange.NewStatus(status),
                TimelineEntry.of(clock.instant(), EntryKind.STATUS, userId, status.word()));
    }

    /** Changes the severity; recorded on the timeline. */
    public Incident severity(String channelId, String userId, Severity severity) {
        return severity(requireOpenIn(channelId), userId, severity);
    }

    /** Changes the severity of incident {@code number}, refused when it is closed; recorded as {@code sev} records it. */
    public Incident severity(int number, String userId, Severity severity) {
        return severity(requireOpen(number), userId, severity);
    }

    private Incident severity(Incident incident, String userId, Severity severity) {
        return store.change(incident.number(), new IncidentChange.NewSeverity(severity),
                TimelineEntry.of(clock.instant(), EntryKind.SEVERITY, userId, severity.label()));
    }

    /** Sets the commander (the caller when no one is named); recorded on the timeline. */
    public Incident lead(String channelId, String callerId, Optional<String> commanderId) {
        return lead(requireOpenIn(channelId), callerId, commanderId.orElse(callerId));
    }

    private Incident lead(Incident incident, String callerId, String commander) {
        return store.change(incident.number(), new IncidentChange.NewCommander(commander),
                TimelineEntry.of(clock.instant(), EntryKind.LEAD, callerId, "<@" + commander + ">"));
    }

    /**
     * Gives a role of the channel's open incident to {@code userId} (the caller when no one is named); recorded on the
     * timeline. The commander's role is what {@link #lead} sets, and is recorded as it records it.
     *
     * @throws IncidentException when {@code role} is none of the roles in force, naming them
     */
    public RoleChange role(String channelId, String callerId, String role, Optional<String> userId) {
        String name = requireRole(role);
        return role(requireOpenIn(channelId), callerId, name, userId.orElse(callerId));
    }

    /** Gives a role of incident {@code number} to {@code userId}, refused when it is closed; recorded as {@code role} is. */
    public RoleChange role(int number, String callerId, String role, String userId) {
        String name = requireRole(role);
        return role(requireOpen(number), callerId, name, userId);
    }

    private RoleChange role(Incident incident, String callerId, String role, String userId) {
        if (role.equals(Roles.COMMANDER)) {
            return new RoleChange(lead(incident, callerId, userId), role, userId);
        }
        Incident changed = store.change(incident.number(), new IncidentChange.NewRoleHolder(role, userId),
                TimelineEntry.of(clock.instant(), EntryKind.ROLE, callerId, Roles.label(role) + ": <@" + userId + ">"));
        return new RoleChange(changed, role, userId);
    }

    private String requireRole(String word) {
        return roles.find(word).orElseThrow(() -> new IncidentException((word == null || word.isBlank()
                ? "Name the role" : "`" + word.strip() + "` is not a role here") + ": use " + roles.listed()
                + ", e.g. `/incident role " + roles.names().get(roles.names().size() - 1) + " @dana`."));
    }

    /** Who holds each role in force of incident {@code number}, the commander first. */
    public RoleHolders roleHolders(int number) {
        Incident incident = store.find(number)
                .orElseThrow(() -> new IncidentException("There is no incident " + number + "."));
        return roleHolders(incident);
    }

    /** Who holds each role in force of this incident, the commander first. */
    public RoleHolders roleHolders(Incident incident) {
        return RoleHolders.of(roles, incident, store.roleHolders(incident.number()));
    }

    /** Adds an action item; an owner is written as a trailing mention, the way people type it. */
    public TimelineEntry action(String channelId, String userId, String text, Optional<String> ownerId) {
        return action(requireOpenIn(channelId), userId, text, ownerId);
    }

    /** Adds an action item to incident {@code number}, refused when it is closed; recorded as {@code action} records it. */
    public TimelineEntry action(int number, String userId, String text, Optional<String> ownerId) {
        return action(requireOpen(number), userId, text, ownerId);
    }

    private TimelineEntry action(Incident incident, String userId, String text, Optional<String> ownerId) {
        String body = text.strip() + ownerId.map(o -> " <@" + o + ">").orElse("");
        TimelineEntry entry = TimelineEntry.of(clock.instant(), EntryKind.ACTION_ITEM, userId, body);
        store.addEntry(incident.number(), entry);
        return entry;
    }

    /** Reopens the channel's most recently closed incident. */
    public Incident reopen(String channelId, String userId) {
        openIn(channelId).ifPresent(open -> {
            throw new IncidentException("Incident " + open.number() + " is still open in this channel.");
        });
        TimelineEntry reopened = TimelineEntry.of(clock.instant(), EntryKind.REOPENED, userId, "Incident reopened");
        try {
            return store.reopenLast(channelId, reopened).orElseThrow(() -> new IncidentException(
                    "No incident of this channel was closed, so there is nothing to reopen."));
        } catch (ChannelHasOpenIncidentException e) {
            // An incident was opened or reopened here between the check above and the reopen.
            throw new IncidentException("This channel already has an open incident; close it before reopening another.");
        }
    }

    /** Every open incident, oldest first. */
    public List<Incident> listOpen() {
        return store.listOpen();
    }

    /** Remembers the pinned header message of an incident. */
    public void headerPosted(int number, String ts) {
        store.setHeaderTs(number, ts);
    }

    /**
     * What the key timings of each of these incidents are derived from (see {@link IncidentStore#timingEntries}):
     * figures across incidents read these instead of compiling every report.
     */
    public Map<Integer, List<TimelineEntry>> timingEntries(Collection<Integer> numbers) {
        return store.timingEntries(numbers);
    }

    /** Everything recorded for an incident, for compiling its report. */
    public IncidentRecord load(int number) {
        Incident incident = store.find(number)
                .orElseThrow(() -> new IncidentException("There is no incident " + number + "."));
        return new IncidentRecord(incident, store.messages(number), store.entries(number), store.marks(number),
                store.addedMessages(number), store.readBack(number), roleHolders(incident));
    }
}
