package dev.scribe.storage;

import dev.scribe.incident.EntryKind;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentException;
import dev.scribe.incident.IncidentStore;
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

    /** Concurrent opens on other replicas can take the number we read; we try again this many times. */
    private static final int NUMBER_ATTEMPTS = 10;

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
        for (int attempt = 1; ; attempt++) {
            findOpenInChannel(incident.channelId()).ifPresent(open -> {
                throw alreadyOpen(open);
            });
            try {
                return jdbi.inTransaction(h -> insertIncident(h, incident));
            } catch (JdbiException e) {
                if (!Sql.isDuplicateKey(e) || attempt == NUMBER_ATTEMPTS) {
                    throw e;
                }
                // Either the number was taken (try the next one) or the channel got an incident at the same
                // moment (the check at the top of the loop reports it).
            }
        }
    }

    private Incident insertIncident(Handle h, NewIncident incident) {
        IncidentDao incidents = h.attach(IncidentDao.class);
        int number = incidents.nextNumber();
        long startedAt = Micros.of(incident.startedAt());
        IncidentRow row = new IncidentRow(number, incident.title(), incident.severity().name(),
                Status.INVESTIGATING.name(), incident.channelId(), incident.channelId(), incident.originChannelId(),
                incident.openedBy(), incident.openedBy(), startedAt, null, null, null);
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
    public boolean isHealthy() {
        return database.isHealthy();
    }
}
