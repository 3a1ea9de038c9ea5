package dev.scribe.storage;

import dev.scribe.incident.EntryKind;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentException;
import dev.scribe.incident.IncidentChange;
import dev.scribe.incident.IncidentStore;
import dev.scribe.incident.Mark;
import dev.scribe.incident.NewIncident;
import dev.scribe.incident.RecordedMessage;
import dev.scribe.incident.Status;
import dev.scribe.incident.TimelineEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/** {@link IncidentStore} on a Jdbi database; every write that must be atomic is one transaction. */
public final class JdbiIncidentStore implements IncidentStore {


    private final Database database;
    private final Jdbi jdbi;
    private final Clock clock;

    public JdbiIncidentStore(Database database, Clock clock) {
        this.database = database;
        this.jdbi = database.jdbi();
        this.clock = clock;
    }

    @Override
    public Incident open(NewIncident incident) {
        findOpenInChannel(incident.channelId()).ifPresent(open -> {
            throw alreadyOpen(open);
        });
        try {
            return jdbi.inTransaction(h -> insertIncident(h, incident));
        } catch (JdbiException e) {
            if (Sql.isDuplicateKey(e)) {
                // Another request (or replica) opened an incident in this channel at the same moment.
                throw findOpenInChannel(incident.channelId()).map(JdbiIncidentStore::alreadyOpen).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    private Incident insertIncident(Handle h, NewIncident incident) {
        IncidentDao incidents = h.attach(IncidentDao.class);
        incidents.takeNextNumber();
        int number = incidents.lastNumber();
        long startedAt = Micros.of(incident.startedAt());
        IncidentRow row = new IncidentRow(number, incident.title(), incident.severity().name(),
                Status.INVESTIGATING.name(), incident.channelId(), incident.channelId(), incident.originChannelId(),
                incident.openedBy(), incident.openedBy(), startedAt, null, null, null, 0);
        incidents.insert(row);
        insertEntry(h, number, TimelineEntry.of(incident.startedAt(), EntryKind.STARTED, incident.openedBy(),
                "Incident opened: " + incident.title()));
        return row.toIncident();
    }

    private static IncidentException alreadyOpen(Incident open) {
        return new IncidentException("Incident " + open.number() + " (" + open.title()
                + ") is already open in this channel. Close it with `/incident close` first.");
    }

    @Override
    public Optional<Incident> findOpenInChannel(String channelId) {
        return jdbi.withExtension(IncidentDao.class, dao -> dao.findOpenInChannel(channelId))
                .map(IncidentRow::toIncident);
    }

    @Override
    public Optional<Incident> find(int number) {
        return jdbi.withExtension(IncidentDao.class, dao -> dao.find(number)).map(IncidentRow::toIncident);
    }

    @Override
    public boolean recordMessage(int incidentNumber, RecordedMessage message, String eventId) {
        long now = Micros.of(clock.instant());
        try {
            jdbi.useTransaction(h -> {
                MessageDao dao = h.attach(MessageDao.class);
                if (eventId != null) {
                    dao.claimEvent(eventId, now);
                }
                dao.insert(incidentNumber, message.channelId(), message.ts(), message.threadTs(), message.authorId(),
                        message.text(), Micros.of(message.postedAt()), now);
            });
            return true;
        } catch (JdbiException e) {
            if (Sql.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
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
    public Optional<Incident> close(int number, Instant at, String closedBy, String resolution) {
        return jdbi.inTransaction(h -> {
            IncidentDao incidents = h.attach(IncidentDao.class);
            if (incidents.close(number, Micros.of(at), resolution) == 0) {
                return Optional.<Incident>empty();
            }
            String text = resolution == null || resolution.isBlank() ? "Incident closed" : "Incident closed: " + resolution;
            insertEntry(h, number, TimelineEntry.of(at, EntryKind.CLOSED, closedBy, text));
            return incidents.find(number).map(IncidentRow::toIncident);
        });
    }

    @Override
    public void setHeaderTs(int number, String ts) {
        jdbi.useExtension(IncidentDao.class, dao -> dao.setHeaderTs(number, ts));
    }

    @Override
    public List<RecordedMessage> messages(int incidentNumber) {
        return jdbi.withExtension(MessageDao.class, dao -> dao.forIncident(incidentNumber)).stream()
                .map(MessageRow::toMessage).toList();
    }

    @Override
    public List<TimelineEntry> entries(int incidentNumber) {
        return jdbi.withExtension(EntryDao.class, dao -> dao.forIncident(incidentNumber)).stream()
                .map(EntryRow::toEntry).toList();
    }

    @Override
    public boolean addMark(int incidentNumber, Mark mark, String reaction, Instant at) {
        try {
            jdbi.useExtension(MarkDao.class, dao -> dao.insert(mark.channelId(), mark.ts(), reaction, mark.userId(),
                    incidentNumber, mark.kind().name(), Micros.of(at)));
            return true;
        } catch (JdbiException e) {
            if (Sql.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean removeMark(String channelId, String ts, String reaction, String userId) {
        return jdbi.withExtension(MarkDao.class, dao -> dao.delete(channelId, ts, reaction, userId)) > 0;
    }

    @Override
    public List<Mark> marks(int incidentNumber) {
        return jdbi.withExtension(MarkDao.class, dao -> dao.forIncident(incidentNumber)).stream()
                .map(MarkRow::toMark).toList();
    }

    @Override
    public boolean editMessage(String channelId, String ts, String newText, Instant editedAt) {
        try {
            return jdbi.inTransaction(h -> {
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
            });
        } catch (JdbiException e) {
            if (Sql.isDuplicateKey(e)) {
                return true; // the same edit delivered again
            }
            throw e;
        }
    }

    @Override
    public boolean deleteMessage(String channelId, String ts, Instant deletedAt) {
        return jdbi.withExtension(MessageDao.class, dao -> dao.markDeleted(channelId, ts, Micros.of(deletedAt))) > 0;
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
            }
            insertEntry(h, number, entry);
            return incidents.find(number).orElseThrow().toIncident();
        });
    }

    @Override
    public Optional<Incident> reopenLast(String channelId, Instant at, String userId) {
        try {
            return jdbi.inTransaction(h -> {
                IncidentDao incidents = h.attach(IncidentDao.class);
                List<IncidentRow> closed = incidents.closedInChannel(channelId);
                if (closed.isEmpty() || incidents.reopen(closed.get(0).incidentNumber()) == 0) {
                    return Optional.<Incident>empty();
                }
                int number = closed.get(0).incidentNumber();
                insertEntry(h, number, TimelineEntry.of(at, EntryKind.REOPENED, userId, "Incident reopened"));
                return incidents.find(number).map(IncidentRow::toIncident);
            });
        } catch (JdbiException e) {
            if (Sql.isDuplicateKey(e)) {
                throw new IncidentException("This channel already has an open incident; close it before reopening another.");
            }
            throw e;
        }
    }

    @Override
    public List<Incident> listOpen() {
        return jdbi.withExtension(IncidentDao.class, IncidentDao::listOpen).stream().map(IncidentRow::toIncident).toList();
    }

    @Override
    public boolean isHealthy() {
        return database.isHealthy();
    }
}
