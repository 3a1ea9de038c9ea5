package dev.scribe.incident;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An {@link IncidentStore} that hands every call to another: tests override the one call whose answer they change. */
class DelegatingIncidentStore implements IncidentStore {

    private final IncidentStore store;

    DelegatingIncidentStore(IncidentStore store) {
        this.store = store;
    }

    @Override
    public Incident open(NewIncident incident, TimelineEntry opened) {
        return store.open(incident, opened);
    }

    @Override
    public Optional<Incident> findOpenInChannel(String channelId) {
        return store.findOpenInChannel(channelId);
    }

    @Override
    public Optional<Incident> find(int number) {
        return store.find(number);
    }

    @Override
    public RecordOutcome recordInOpenIncident(RecordedMessage message, String eventId) {
        return store.recordInOpenIncident(message, eventId);
    }

    @Override
    public void addEntry(int incidentNumber, TimelineEntry entry) {
        store.addEntry(incidentNumber, entry);
    }

    @Override
    public Optional<Incident> close(int number, String resolution, TimelineEntry closed) {
        return store.close(number, resolution, closed);
    }

    @Override
    public void setHeaderTs(int number, String ts) {
        store.setHeaderTs(number, ts);
    }

    @Override
    public MessageLog messages(int incidentNumber) {
        return store.messages(incidentNumber);
    }

    @Override
    public java.util.Map<Integer, List<TimelineEntry>> timingEntries(java.util.Collection<Integer> incidentNumbers) {
        return store.timingEntries(incidentNumbers);
    }

    @Override
    public List<TimelineEntry> entries(int incidentNumber) {
        return store.entries(incidentNumber);
    }

    @Override
    public boolean addMark(int incidentNumber, Mark mark, String reaction, Instant at) {
        return store.addMark(incidentNumber, mark, reaction, at);
    }

    @Override
    public boolean removeMark(String channelId, String ts, String reaction, String userId) {
        return store.removeMark(channelId, ts, reaction, userId);
    }

    @Override
    public List<Mark> marks(int incidentNumber) {
        return store.marks(incidentNumber);
    }

    @Override
    public boolean editMessage(String channelId, String ts, String newText, Instant editedAt) {
        return store.editMessage(channelId, ts, newText, editedAt);
    }

    @Override
    public boolean deleteMessage(String channelId, String ts, Instant deletedAt) {
        return store.deleteMessage(channelId, ts, deletedAt);
    }

    @Override
    public Incident change(int number, IncidentChange change, TimelineEntry entry) {
        return store.change(number, change, entry);
    }

    @Override
    public Optional<Incident> reopenLast(String channelId, TimelineEntry reopened) {
        return store.reopenLast(channelId, reopened);
    }

    @Override
    public Optional<Incident> lastClosedInChannel(String channelId) {
        return store.lastClosedInChannel(channelId);
    }

    @Override
    public java.util.Map<String, String> roleHolders(int number) {
        return store.roleHolders(number);
    }

    @Override
    public List<Incident> listOpen() {
        return store.listOpen();
    }

    @Override
    public List<Incident> page(IncidentFilter filter, int offset, int limit) {
        return store.page(filter, offset, limit);
    }

    @Override
    public boolean isRecorded(int incidentNumber, String channelId, String ts) {
        return store.isRecorded(incidentNumber, channelId, ts);
    }

    @Override
    public boolean addToTimeline(int incidentNumber, AddedMessage message, Instant addedAt) {
        return store.addToTimeline(incidentNumber, message, addedAt);
    }

    @Override
    public void setAddedPermalink(int incidentNumber, String channelId, String ts, String permalink) {
        store.setAddedPermalink(incidentNumber, channelId, ts, permalink);
    }

    @Override
    public List<AddedMessage> addedMessages(int incidentNumber) {
        return store.addedMessages(incidentNumber);
    }

    @Override
    public List<Incident> lastClosed(int limit) {
        return store.lastClosed(limit);
    }

    @Override
    public boolean isHealthy() {
        return store.isHealthy();
    }
}
