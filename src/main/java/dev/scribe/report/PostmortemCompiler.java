package dev.scribe.report;

import dev.scribe.incident.EntryKind;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentRecord;
import dev.scribe.incident.RecordedMessage;
import dev.scribe.incident.TimelineEntry;
import dev.scribe.report.Postmortem.ActionItem;
import dev.scribe.report.Postmortem.TimelineItem;
import dev.scribe.report.Postmortem.TranscriptItem;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Turns what was recorded into a {@link Postmortem}. Pure: names and links come from the {@link Directory}. */
public final class PostmortemCompiler {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final Directory directory;
    private final SlackMarkup markup;
    private final ZoneId zone;

    public PostmortemCompiler(Directory directory, ZoneId zone) {
        this.directory = directory;
        this.markup = new SlackMarkup(directory);
        this.zone = zone;
    }

    /** Compiles the report of an incident, open or closed. */
    public Postmortem compile(IncidentRecord record) {
        Incident incident = record.incident();
        List<TimelineEntry> entries = record.entries().stream()
                .sorted(Comparator.comparing(TimelineEntry::at)).toList();
        List<RecordedMessage> messages = record.messages().stream()
                .sorted(Comparator.comparing(RecordedMessage::postedAt).thenComparing(RecordedMessage::ts)).toList();

        List<TimelineItem> timeline = entries.stream().map(e -> timelineItem(incident, e)).toList();
        List<ActionItem> actions = new ArrayList<>();
        for (TimelineItem item : timeline) {
            if (item.kind() == EntryKind.ACTION_ITEM) {
                actions.add(new ActionItem(item.text(), "unassigned",
                        "@" + item.author() + " at " + HH_MM.format(item.at().atZone(zone))));
            }
        }
        KeyTimings timings = KeyTimings.derive(incident.startedAt(), incident.closedAt(), entries, null);
        return new Postmortem(
                incident.number(),
                incident.title(),
                incident.severity(),
                incident.isOpen() ? incident.status().label() : "Closed",
                !incident.isOpen(),
                directory.userName(incident.commanderId()),
                participants(messages, entries),
                incident.startedAt(),
                incident.closed(),
                incident.resolutionText(),
                timings,
                timeline,
                actions,
                timeline.stream().filter(i -> i.kind() == EntryKind.WENT_WELL).toList(),
                timeline.stream().filter(i -> i.kind() == EntryKind.WENT_BADLY).toList(),
                messages.stream().map(this::transcriptItem).toList(),
                zone);
    }

    private TimelineItem timelineItem(Incident incident, TimelineEntry entry) {
        Optional<String> link = entry.message()
                .flatMap(ts -> directory.permalink(incident.channelId(), ts, null));
        return new TimelineItem(entry.at(), entry.kind(), author(entry.authorId()), markup.parse(entry.text()), link);
    }

    private TranscriptItem transcriptItem(RecordedMessage m) {
        return new TranscriptItem(m.postedAt(), author(m.authorId()), markup.parse(m.text()), m.isThreadReply(),
                directory.permalink(m.channelId(), m.ts(), m.threadTs()));
    }

    private String author(String userId) {
        return userId == null ? "Incident Scribe" : directory.userName(userId);
    }

    private List<String> participants(List<RecordedMessage> messages, List<TimelineEntry> entries) {
        // Ordered by first appearance in time, so the list reads like who joined the response when.
        record Appearance(Instant at, String userId) {
        }
        List<Appearance> all = new ArrayList<>();
        messages.forEach(m -> all.add(new Appearance(m.postedAt(), m.authorId())));
        entries.stream().filter(e -> e.authorId() != null).forEach(e -> all.add(new Appearance(e.at(), e.authorId())));
        all.sort(Comparator.comparing(Appearance::at));
        Set<String> names = new LinkedHashSet<>();
        all.forEach(a -> names.add(directory.userName(a.userId())));
        return List.copyOf(names);
    }
}
