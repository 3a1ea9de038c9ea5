package dev.scribe.storage;

import dev.scribe.incident.EntryKind;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentStore;
import dev.scribe.incident.NewIncident;
import dev.scribe.incident.Severity;
import dev.scribe.incident.Status;
import dev.scribe.incident.TimelineEntry;
import java.time.Instant;
import java.util.Optional;

/**
 * The store's lifecycle calls with the values {@code IncidentService} would give them, for tests of a store on its
 * own: what the service decides (status, commander, entry texts) is its tests' business, not the store's.
 */
final class StoreCalls {

    private StoreCalls() {
    }

    static Incident open(IncidentStore store, String title, Severity severity, String channelId, String originChannelId,
                         String userId, Instant at) {
        return store.open(new NewIncident(title, severity, Status.INVESTIGATING, channelId, originChannelId, userId,
                userId, at), TimelineEntry.of(at, EntryKind.STARTED, userId, "Incident opened: " + title));
    }

    static Optional<Incident> close(IncidentStore store, int number, Instant at, String userId, String resolution) {
        return store.close(number, resolution, TimelineEntry.of(at, EntryKind.CLOSED, userId,
                resolution == null ? "Incident closed" : "Incident closed: " + resolution));
    }

    static Optional<Incident> reopenLast(IncidentStore store, String channelId, Instant at, String userId) {
        return store.reopenLast(channelId, TimelineEntry.of(at, EntryKind.REOPENED, userId, "Incident reopened"));
    }
}
