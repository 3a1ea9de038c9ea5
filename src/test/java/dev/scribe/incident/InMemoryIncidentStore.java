package dev.scribe.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * {@link IncidentStore} in memory, keeping the contract the Jdbi store keeps with its keys: one open incident per
 * channel, a message once per channel and ts, a reaction once per person. For fast tests of {@link IncidentService};
 * thread-safe by locking every call.
 */
final class InMemoryIncidentStore implements IncidentStore {

    private final TreeMap<Integer, Incident> incidents = new TreeMap<>();
    private final Map<Integer, List<TimelineEntry>> entries = new LinkedHashMap<>();
    /** Keyed by channel and ts. */
    private final Map<String, Stored> messages = new LinkedHashMap<>();
    /** Keyed by channel, ts, reaction and person. */
    private final Map<String, StoredMark> marks = new LinkedHashMap<>();
    private final List<String> revisions = new ArrayList<>();
    private final Map<Integer, Map<String, String>> roleHolders = new LinkedHashMap<>();
    /** Keyed by incident, channel and ts. */
    private final Map<String, AddedMessage> added = new LinkedHashMap<>();
    private final Map<String, Integer> addedTo = new LinkedHashMap<>();
    private int lastNumber;

    private record Stored(int incident, RecordedMessage message, boolean deleted) {
    }

    private record StoredMark(int incident, Mark mark, Instant at) {
    }

    /** The earlier texts of edited messages, oldest first. */
    synchronized List<String> revisions() {
        return List.copyOf(revisions);
    }

    @Override
    public synchronized Incident open(NewIncident incident, TimelineEntry opened) {
        if (findOpenInChannel(incident.channelId()).isPresent()) {
            throw new ChannelHasOpenIncidentException(incident.channelId(), null);
        }
        int number = ++lastNumber;
        Incident stored = new Incident(number, incident.title(), incident.severity(), incident.status(),
                incident.channelId(), incident.originChannelId(), incident.commanderId(), incident.openedBy(),
                incident.startedAt(), null, null, null, 0);
        incidents.put(number, stored);
        entries.put(number, new ArrayList<>(List.of(opened)));
        return stored;
    }

    @Override
    public synchronized Optional<Incident> findOpenInChannel(String channelId) {
        return incidents.values().stream().filter(i -> i.isOpen() && i.channelId().equals(channelId)).findFirst();
    }

    @Override
    public synchronized Optional<Incident> find(int number) {
        return Optional.ofNullable(incidents.get(number));
    }

    @Override
    public synchronized RecordOutcome recordInOpenIncident(RecordedMessage message, String eventId) {
        Optional<Incident> open = findOpenInChannel(message.channelId());
        if (open.isEmpty()) {
            return RecordOutcome.NOT_IN_AN_INCIDENT;
        }
        if (messages.putIfAbsent(key(message.channelId(), message.ts()), new Stored(open.get().number(), message, false)) != null) {
            return RecordOutcome.DUPLICATE;
        }
        return RecordOutcome.RECORDED;
    }

    @Override
    public synchronized void addEntry(int incidentNumber, TimelineEntry entry) {
        entries.get(incidentNumber).add(entry);
    }

    @Override
    public synchronized Optional<Incident> close(int number, String resolution, TimelineEntry closed) {
        Incident incident = incidents.get(number);
        if (!incident.isOpen()) {
            return Optional.empty();
        }
        addEntry(number, closed);
        return Optional.of(update(number, i -> new Incident(i.number(), i.title(), i.severity(), i.status(), i.channelId(),
                i.originChannelId(), i.commanderId(), i.openedBy(), i.startedAt(), closed.at(), resolution, i.headerTs(),
                i.closeCount() + 1)));
    }

    @Override
    public synchronized void setHeaderTs(int number, String ts) {
        update(number, i -> new Incident(i.number(), i.title(), i.severity(), i.status(), i.channelId(),
                i.originChannelId(), i.commanderId(), i.openedBy(), i.startedAt(), i.closedAt(), i.resolution(), ts,
                i.closeCount()));
    }

    @Override
    public synchronized MessageLog messages(int incidentNumber) {
        return MessageLog.of(messages.values().stream().filter(m -> m.incident() == incidentNumber && !m.deleted())
                .map(Stored::message).toList());
    }

    @Override
    public synchronized List<TimelineEntry> entries(int incidentNumber) {
        // In time order, and in the order added among entries of one time, as the database orders them.
        return entries.get(incidentNumber).stream().sorted(Comparator.comparing(TimelineEntry::at)).toList();
    }

    @Override
    public synchronized boolean addMark(int incidentNumber, Mark mark, String reaction, Instant at) {
        return marks.putIfAbsent(key(mark.channelId(), mark.ts(), reaction, mark.userId()),
                new StoredMark(incidentNumber, mark, at)) == null;
    }

    @Override
    public synchronized boolean removeMark(String channelId, String ts, String reaction, String userId) {
        return marks.remove(key(channelId, ts, reaction, userId)) != null;
    }

    @Override
    public synchronized List<Mark> marks(int incidentNumber) {
        return marks.values().stream().filter(m -> m.incident() == incidentNumber)
                .sorted(Comparator.comparing(StoredMark::at)).map(StoredMark::mark).toList();
    }

    @Override
    public synchronized boolean editMessage(String channelId, String ts, String newText, Instant editedAt) {
        Stored stored = messages.get(key(channelId, ts));
        if (stored == null) {
            return false;
        }
        RecordedMessage m = stored.message();
        if (!m.text().equals(newText)) {
            revisions.add(m.text());
            messages.put(key(channelId, ts), new Stored(stored.incident(), new RecordedMessage(m.channelId(), m.ts(),
                    m.threadTs(), m.authorId(), newText, m.postedAt()), stored.deleted()));
        }
        return true;
    }

    @Override
    public synchronized boolean deleteMessage(String channelId, String ts, Instant deletedAt) {
        Stored stored = messages.get(key(channelId, ts));
        if (stored == null || stored.deleted()) {
            return false;
        }
        messages.put(key(channelId, ts), new Stored(stored.incident(), stored.message(), true));
        return true;
    }

    @Override
    public synchronized Incident change(int number, IncidentChange change, TimelineEntry entry) {
        addEntry(number, entry);
        if (change instanceof IncidentChange.NewRoleHolder r) {
            roleHolders.computeIfAbsent(number, n -> new java.util.HashMap<>()).put(r.role(), r.userId());
        }
        return update(number, i -> new Incident(i.number(), i.title(),
                change instanceof IncidentChange.NewSeverity s ? s.severity() : i.severity(),
                change instanceof IncidentChange.NewStatus s ? s.status() : i.status(), i.channelId(), i.originChannelId(),
                change instanceof IncidentChange.NewCommander c ? c.userId() : i.commanderId(), i.openedBy(),
                i.startedAt(), i.closedAt(), i.resolution(), i.headerTs(), i.closeCount()));
    }

    @Override
    public synchronized Optional<Incident> reopenLast(String channelId, TimelineEntry reopened) {
        Optional<Incident> last = lastClosedInChannel(channelId);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        if (findOpenInChannel(channelId).isPresent()) {
            throw new ChannelHasOpenIncidentException(channelId, null);
        }
        int number = last.get().number();
        addEntry(number, reopened);
        return Optional.of(update(number, i -> new Incident(i.number(), i.title(), i.severity(), i.status(), i.channelId(),
                i.originChannelId(), i.commanderId(), i.openedBy(), i.startedAt(), null, null, i.headerTs(),
                i.closeCount())));
    }

    @Override
    public synchronized Optional<Incident> lastClosedInChannel(String channelId) {
        return incidents.values().stream().filter(i -> !i.isOpen() && i.channelId().equals(channelId))
                .max(Comparator.comparing(Incident::closedAt).thenComparing(Incident::number));
    }

    @Override
    public synchronized List<Incident> page(IncidentFilter filter, int offset, int limit) {
        return incidents.values().stream()
                .filter(i -> i.isOpen() ? filter.open() : filter.closed())
                .filter(i -> filter.severities().contains(i.severity()) && filter.statuses().contains(i.status()))
                .filter(i -> !i.startedAt().isBefore(filter.startedFrom()) && i.startedAt().isBefore(filter.startedBefore()))
                .sorted(java.util.Comparator.comparing(Incident::startedAt).thenComparing(Incident::number).reversed())
                .skip(offset).limit(limit).toList();
    }

    @Override
    public synchronized Map<String, String> roleHolders(int number) {
        return Map.copyOf(roleHolders.getOrDefault(number, Map.of()));
    }

    @Override
    public synchronized List<Incident> listOpen() {
        return incidents.values().stream().filter(Incident::isOpen).toList();
    }

    @Override
    public synchronized boolean isRecorded(int incidentNumber, String channelId, String ts) {
        Stored m = messages.get(key(channelId, ts));
        return m != null && m.incident() == incidentNumber && !m.deleted();
    }

    @Override
    public synchronized boolean addToTimeline(int incidentNumber, AddedMessage message, Instant addedAt) {
        String k = key(String.valueOf(incidentNumber), message.channelId(), message.ts());
        if (added.putIfAbsent(k, message) != null) {
            return false;
        }
        addedTo.put(k, incidentNumber);
        return true;
    }

    @Override
    public synchronized void setAddedPermalink(int incidentNumber, String channelId, String ts, String permalink) {
        added.computeIfPresent(key(String.valueOf(incidentNumber), channelId, ts), (k, m) -> m.withPermalink(permalink));
    }

    @Override
    public synchronized List<AddedMessage> addedMessages(int incidentNumber) {
        return added.entrySet().stream().filter(e -> addedTo.get(e.getKey()) == incidentNumber).map(Map.Entry::getValue)
                .sorted(Comparator.comparing(AddedMessage::postedAt)).toList();
    }

    @Override
    public synchronized List<Incident> lastClosed(int limit) {
        return incidents.values().stream().filter(i -> !i.isOpen())
                .sorted(Comparator.comparing(Incident::closedAt).thenComparing(Incident::number).reversed())
                .limit(limit).toList();
    }

    @Override
    public boolean isHealthy() {
        return true;
    }

    private Incident update(int number, UnaryOperator<Incident> change) {
        return incidents.compute(number, (n, i) -> change.apply(i));
    }

    private static String key(String... parts) {
        return String.join("\u0000", parts);
    }
}
