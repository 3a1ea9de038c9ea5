package dev.scribe.storage;

import dev.scribe.incident.AddedMessage;
import dev.scribe.incident.ChannelHasOpenIncidentException;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentFilter;
import dev.scribe.incident.IncidentChange;
import dev.scribe.incident.IncidentStore;
import dev.scribe.incident.Mark;
import dev.scribe.incident.MessageLog;
import dev.scribe.incident.NewIncident;
import dev.scribe.incident.RecordOutcome;
import dev.scribe.incident.ReadBack;
import dev.scribe.incident.RecordedMessage;
import dev.scribe.incident.TimelineEntry;
import java.nio.file.Path;
import java.time.Clock;
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
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link IncidentStore} on a Jdbi database; every write that must be atomic is one transaction. Close it (before
 * the database) to store the messages it has taken but not stored yet.
 */
public final class JdbiIncidentStore implements IncidentStore, AutoCloseable {

    private final Database database;
    private final Jdbi jdbi;
    private final Clock clock;
    // On-demand DAOs are built once and take a pooled connection per call: building a SqlObject per call
    // (withExtension, attach) cost more CPU than the SQL itself. The message path, which runs for every event before
    // its ack, goes further: the DAO's statement run as a JDBC batch, with group commit (MessageWriter).
    private final IncidentDao incidentDao;
    private final MessageDao messageDao;
    private final EntryDao entryDao;
    private final MarkDao markDao;
    private final RoleDao roleDao;
    private final AddedMessageDao addedDao;
    private final MessageSink received;
    private final JdbiCatchUps catchUps;

    /** Stores each message before {@link #recordInOpenIncident} returns. */
    public JdbiIncidentStore(Database database, Clock clock) {
        this(database, clock, null);
    }

    /**
     * Takes messages through the journal file (the embedded database only, see {@link JournaledMessageWriter});
     * stores what it holds from an earlier run before returning.
     */
    public static JdbiIncidentStore withJournal(Database database, Clock clock, Path journalFile) {
        return new JdbiIncidentStore(database, clock, journalFile);
    }

    private JdbiIncidentStore(Database database, Clock clock, Path journalFile) {
        this.database = database;
        this.jdbi = database.jdbi();
        this.clock = clock;
        this.incidentDao = jdbi.onDemand(IncidentDao.class);
        this.messageDao = jdbi.onDemand(MessageDao.class);
        this.entryDao = jdbi.onDemand(EntryDao.class);
        this.markDao = jdbi.onDemand(MarkDao.class);
        this.roleDao = jdbi.onDemand(RoleDao.class);
        this.addedDao = jdbi.onDemand(AddedMessageDao.class);
        this.catchUps = new JdbiCatchUps(database);
        this.received = journalFile == null ? new MessageWriter(jdbi) : JournaledMessageWriter.start(jdbi, journalFile);
    }

    /** Returns once every message taken so far is in the database, for whoever reads the tables directly. */
    public void awaitStored() {
        received.awaitStored();
    }

    /** False while messages already acknowledged have not reached the database for a while (see /healthz). */
    public boolean isStoring() {
        return received.isStoring();
    }

    @Override
    public void close() {
        received.close();
    }

    @Override
    public Incident open(NewIncident incident, TimelineEntry opened) {
        received.awaitStored();
        return Sql.onDuplicateKey(() -> jdbi.inTransaction(h -> insertIncident(h, incident, opened)), e -> {
            // The channel's open incident holds its UNIQUE open_channel_id: another request or replica was first.
            throw new ChannelHasOpenIncidentException(incident.channelId(), e);
        });
    }

    private Incident insertIncident(Handle h, NewIncident incident, TimelineEntry opened) {
        IncidentDao incidents = h.attach(IncidentDao.class);
        incidents.takeNextNumber();
        int number = incidents.lastNumber();
        IncidentRow row = new IncidentRow(number, incident.title(), incident.severity().name(), incident.status().name(),
                incident.channelId(), incident.channelId(), incident.originChannelId(), incident.commanderId(),
                incident.openedBy(), Micros.of(incident.startedAt()), null, null, null, 0);
        incidents.insert(row);
        insertEntry(h, number, opened);
        return row.toIncident();
    }

    @Override
    public Optional<Incident> findOpenInChannel(String channelId) {
        // No cache: an incident opened or closed by another replica is seen at once.
        return incidentDao.findOpenInChannel(channelId).map(IncidentRow::toIncident);
    }

    @Override
    public Optional<Incident> lastClosedInChannel(String channelId) {
        return incidentDao.closedInChannel(channelId).stream().findFirst().map(IncidentRow::toIncident);
    }

    @Override
    public Optional<Incident> find(int number) {
        return incidentDao.find(number).map(IncidentRow::toIncident);
    }

    @Override
    public RecordOutcome recordInOpenIncident(RecordedMessage message, String eventId) {
        return received.record(new ReceivedMessage(message, eventId, Micros.of(clock.instant())));
    }

    @Override
    public void addEntry(int incidentNumber, TimelineEntry entry) {
        jdbi.useHandle(h -> insertEntry(h, incidentNumber, entry));
    }

    private void insertEntry(Handle h, int incidentNumber, TimelineEntry entry) {
        h.attach(EntryDao.class).insert(incidentNumber, entry.kind().name(), Micros.of(entry.at()), entry.authorId(),
                entry.text(), entry.messageTs(), Micros.of(clock.instant()));
    }

    @Override
    public Optional<Incident> close(int number, String resolution, TimelineEntry closed) {
        received.awaitStored();
        return jdbi.inTransaction(h -> {
            IncidentDao incidents = h.attach(IncidentDao.class);
            if (incidents.close(number, Micros.of(closed.at()), resolution) == 0) {
                return Optional.<Incident>empty();
            }
            insertEntry(h, number, closed);
            return incidents.find(number).map(IncidentRow::toIncident);
        });
    }

    @Override
    public void setHeaderTs(int number, String ts) {
        incidentDao.setHeaderTs(number, ts);
    }

    @Override
    public MessageLog messages(int incidentNumber) {
        return action -> {
            received.awaitStored();
            jdbi.useTransaction(h -> {
                try (Stream<MessageRow> rows = h.attach(MessageDao.class).forIncident(incidentNumber)) {
                    rows.forEach(row -> action.accept(row.toMessage()));
                }
            });
        };
    }

    @Override
    public List<TimelineEntry> entries(int incidentNumber) {
        return entryDao.forIncident(incidentNumber).stream()
                .map(EntryRow::toEntry).toList();
    }

    @Override
    public Map<Integer, List<TimelineEntry>> timingEntries(Collection<Integer> incidentNumbers) {
        received.awaitStored();
        Map<Integer, List<TimelineEntry>> all = new LinkedHashMap<>();
        incidentNumbers.forEach(number -> all.put(number, new ArrayList<>()));
        if (incidentNumbers.isEmpty()) {
            return all;
        }
        List<Integer> numbers = List.copyOf(incidentNumbers);
        for (NumberedEntryRow row : entryDao.forIncidents(numbers)) {
            all.get(row.incidentNumber()).add(row.toEntry());
        }
        // One entry per message and kind, however many people marked it, as the report compiler counts them.
        Set<String> seen = new HashSet<>();
        for (NumberedEntryRow row : entryDao.markedInIncidents(numbers)) {
            if (seen.add(row.incidentNumber() + "/" + row.messageTs() + "/" + row.kind())) {
                all.get(row.incidentNumber()).add(row.toEntry());
            }
        }
        return all;
    }

    @Override
    public boolean addMark(int incidentNumber, Mark mark, String reaction, Instant at) {
        received.awaitStored();
        return Sql.onDuplicateKey(() -> {
            markDao.insert(mark.channelId(), mark.ts(), reaction, mark.userId(), incidentNumber, mark.kind().name(),
                    Micros.of(at));
            return true;
        }, e -> false);
    }

    @Override
    public boolean removeMark(String channelId, String ts, String reaction, String userId) {
        received.awaitStored();
        return markDao.delete(channelId, ts, reaction, userId) > 0;
    }

    @Override
    public List<Mark> marks(int incidentNumber) {
        received.awaitStored();
        return markDao.forIncident(incidentNumber).stream()
                .map(MarkRow::toMark).toList();
    }

    @Override
    public boolean editMessage(String channelId, String ts, String newText, Instant editedAt) {
        received.awaitStored();
        return Sql.onDuplicateKey(() -> jdbi.inTransaction(h -> {
            MessageDao dao = h.attach(MessageDao.class);
            Optional<String> previous = dao.body(channelId, ts);
            if (previous.isEmpty()) {
                return false;
            }
            if (previous.get().equals(newText)) {
                return true;
            }
            dao.keepRevision(channelId, ts, Micros.of(editedAt), previous.get());
            dao.updateBody(channelId, ts, newText);
            return true;
        }), e -> true); // the revision is there: the same edit delivered again
    }

    @Override
    public boolean deleteMessage(String channelId, String ts, Instant deletedAt) {
        received.awaitStored();
        return messageDao.markDeleted(channelId, ts, Micros.of(deletedAt)) > 0;
    }

    @Override
    public Incident change(int number, IncidentChange change, TimelineEntry entry) {
        return jdbi.inTransaction(h -> {
            IncidentDao incidents = h.attach(IncidentDao.class);
            if (change instanceof IncidentChange.NewStatus s) {
                incidents.setStatus(number, s.status().name());
            } else if (change instanceof IncidentChange.NewSeverity s) {
                incidents.setSeverity(number, s.severity().name());
            } else if (change instanceof IncidentChange.NewCommander c) {
                incidents.setCommander(number, c.userId());
            } else if (change instanceof IncidentChange.NewRoleHolder r) {
                // The incident's row, locked first, orders changes of its roles across replicas: an update finding no
                // holder then an insert, done by two at once, would otherwise collide (a duplicate key, or on MariaDB
                // a deadlock over the gap the empty update locked).
                incidents.lock(number);
                RoleDao roles = h.attach(RoleDao.class);
                if (roles.update(number, r.role(), r.userId()) == 0) {
                    roles.insert(number, r.role(), r.userId());
                }
            }
            insertEntry(h, number, entry);
            return incidents.find(number).orElseThrow().toIncident();
        });
    }

    @Override
    public Map<String, String> roleHolders(int number) {
        Map<String, String> holders = new HashMap<>();
        roleDao.forIncident(number).forEach(row -> holders.put(row.roleName(), row.userId()));
        return holders;
    }

    @Override
    public Optional<Incident> reopenLast(String channelId, TimelineEntry reopened) {
        received.awaitStored();
        return Sql.onDuplicateKey(() -> jdbi.inTransaction(h -> {
            IncidentDao incidents = h.attach(IncidentDao.class);
            List<IncidentRow> closed = incidents.closedInChannel(channelId);
            if (closed.isEmpty() || incidents.reopen(closed.get(0).incidentNumber()) == 0) {
                return Optional.<Incident>empty();
            }
            int number = closed.get(0).incidentNumber();
            insertEntry(h, number, reopened);
            return incidents.find(number).map(IncidentRow::toIncident);
        }), e -> {
            throw new ChannelHasOpenIncidentException(channelId, e);
        });
    }

    @Override
    public List<Incident> page(IncidentFilter filter, int offset, int limit) {
        return incidentDao.page(filter.severities().stream().map(Enum::name).sorted().toList(),
                filter.statuses().stream().map(Enum::name).sorted().toList(),
                Micros.of(filter.startedFrom()), Micros.of(filter.startedBefore()),
                filter.open() ? 1 : 0, filter.closed() ? 1 : 0, limit, offset)
                .stream().map(IncidentRow::toIncident).toList();
    }

    @Override
    public List<Incident> listOpen() {
        return incidentDao.listOpen().stream().map(IncidentRow::toIncident).toList();
    }

    @Override
    public boolean isRecorded(int incidentNumber, String channelId, String ts) {
        received.awaitStored();
        return addedDao.recorded(incidentNumber, channelId, ts) > 0;
    }

    @Override
    public boolean addToTimeline(int incidentNumber, AddedMessage m, Instant addedAt) {
        return Sql.onDuplicateKey(() -> {
            addedDao.insert(incidentNumber, m.channelId(), m.ts(), m.threadTs(), m.authorId(), m.text(),
                    Micros.of(m.postedAt()), m.kind().name(), m.addedBy(), m.note(), m.permalink(), Micros.of(addedAt));
            return true;
        }, e -> false);
    }

    @Override
    public void setAddedPermalink(int incidentNumber, String channelId, String ts, String permalink) {
        addedDao.setPermalink(incidentNumber, channelId, ts, permalink);
    }

    @Override
    public List<AddedMessage> addedMessages(int incidentNumber) {
        return addedDao.forIncident(incidentNumber).stream().map(AddedMessageRow::toMessage).toList();
    }

    @Override
    public List<Incident> lastClosed(int limit) {
        return incidentDao.lastClosed(limit).stream().map(IncidentRow::toIncident).toList();
    }

    @Override
    public ReadBack readBack(int incidentNumber) {
        return catchUps.readBack(incidentNumber);
    }

    @Override
    public boolean isHealthy() {
        return database.isHealthy();
    }
}
