package dev.scribe.report;

import dev.scribe.incident.AddedMessage;
import dev.scribe.incident.EntryKind;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentRecord;
import dev.scribe.incident.Mark;
import dev.scribe.incident.RecordedMessage;
import dev.scribe.incident.ShownTimes;
import dev.scribe.incident.TimelineEntry;
import dev.scribe.report.Postmortem.ActionItem;
import dev.scribe.report.Postmortem.TimelineItem;
import dev.scribe.report.Postmortem.TranscriptItem;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns what was recorded into a {@link Postmortem}. Pure: names and links come from the {@link Directory}. */
public final class PostmortemCompiler {

    private static final DateTimeFormatter HH_MM = ShownTimes.HH_MM;
    private static final Pattern TRAILING_MENTION = Pattern.compile("\\s*<@([A-Z0-9]+)(?:\\|[^>]*)?>\\s*$");

    private final Directory directory;
    private final SlackMarkup markup;
    private final ZoneId zone;

    public PostmortemCompiler(Directory directory, ZoneId zone) {
        this.directory = directory;
        this.markup = new SlackMarkup(directory);
        this.zone = zone;
    }

    /**
     * Compiles the report of an incident, open or closed. Goes through the messages once here; the transcript
     * goes through them again when it is rendered, so no compiled copy of them is ever held.
     */
    public Postmortem compile(IncidentRecord record) {
        Incident incident = record.incident();
        MessagePass pass = new MessagePass(record.marks(), record.entries());
        record.messages().forEach(pass);
        List<TimelineEntry> entries = new ArrayList<>(record.entries());
        entries.addAll(pass.markedEntries());
        // A message added from another channel links to where it was said, not into the incident's channel.
        Map<TimelineEntry, AddedMessage> addedFrom = new IdentityHashMap<>();
        for (AddedMessage added : record.added()) {
            TimelineEntry entry = added.asEntry();
            addedFrom.put(entry, added);
            entries.add(entry);
        }
        entries.sort(Comparator.comparing(TimelineEntry::at));

        List<TimelineItem> timeline = entries.stream()
                .map(e -> timelineItem(incident, e, pass.threadOf, addedFrom.get(e))).toList();
        List<ActionItem> actions = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).kind() == EntryKind.ACTION_ITEM) {
                actions.add(actionItem(entries.get(i), timeline.get(i), addedFrom.containsKey(entries.get(i))));
            }
        }
        KeyTimings timings = KeyTimings.derive(incident.startedAt(), incident.closedAt(), entries);
        return new Postmortem(
                incident.number(),
                incident.title(),
                incident.severity(),
                incident.isOpen() ? incident.status().label() : "Closed",
                !incident.isOpen(),
                directory.userName(incident.commanderId()),
                record.roles().others().stream().map(h -> new Postmortem.Role(h.label(),
                        h.userId().map(directory::userName))).toList(),
                participants(pass.firstMessages.values(), entries),
                incident.startedAt(),
                incident.closed(),
                incident.resolutionText().map(markup::parse),
                timings,
                timeline,
                actions,
                timeline.stream().filter(i -> i.kind() == EntryKind.WENT_WELL).toList(),
                timeline.stream().filter(i -> i.kind() == EntryKind.WENT_BADLY).toList(),
                timeline.stream().filter(i -> i.kind() == EntryKind.IMPACT).toList(),
                new Transcript(record.messages(), pass.count, pass.chars, pass.first, pass.last, this::transcriptItem),
                zone,
                record.readBack());
    }

    /**
     * What the report needs from the messages besides the transcript, gathered in one pass: the marked ones, the
     * parents of linked thread replies, each author's first message, how many there are and their length.
     */
    private static final class MessagePass implements Consumer<RecordedMessage> {
        private final List<Mark> marks;
        private final Set<String> markedKeys = new HashSet<>();
        private final Set<String> linkedTs = new HashSet<>();
        private final Map<String, RecordedMessage> marked = new HashMap<>();
        // A linked thread reply links into its thread, so the permalink needs the parent's ts.
        private final Map<String, String> threadOf = new HashMap<>();
        private final Map<String, RecordedMessage> firstMessages = new LinkedHashMap<>();
        private int count;
        private long chars;
        private Instant first;
        private Instant last;

        MessagePass(List<Mark> marks, List<TimelineEntry> entries) {
            this.marks = marks;
            marks.forEach(mark -> markedKeys.add(mark.channelId() + "/" + mark.ts()));
            marks.forEach(mark -> linkedTs.add(mark.ts()));
            entries.forEach(e -> e.message().ifPresent(linkedTs::add));
        }

        @Override
        public void accept(RecordedMessage m) {
            count++;
            chars += m.text().length();
            if (first == null || m.postedAt().isBefore(first)) {
                first = m.postedAt();
            }
            if (last == null || m.postedAt().isAfter(last)) {
                last = m.postedAt();
            }
            firstMessages.putIfAbsent(m.authorId(), m);
            String key = m.channelId() + "/" + m.ts();
            if (markedKeys.contains(key)) {
                marked.put(key, m);
            }
            if (linkedTs.contains(m.ts())) {
                m.parentTs().ifPresent(parent -> threadOf.put(m.ts(), parent));
            }
        }

        /** One entry per message and kind marked on it (however many people marked it), at the message's time. */
        List<TimelineEntry> markedEntries() {
            Set<String> seen = new HashSet<>();
            List<TimelineEntry> out = new ArrayList<>();
            for (Mark mark : marks) {
                RecordedMessage m = marked.get(mark.channelId() + "/" + mark.ts());
                if (m != null && seen.add(mark.channelId() + "/" + mark.ts() + "/" + mark.kind())) {
                    out.add(new TimelineEntry(m.postedAt(), mark.kind(), m.authorId(), m.text(), m.ts()));
                }
            }
            return out;
        }
    }

    private ActionItem actionItem(TimelineEntry entry, TimelineItem item, boolean fromAddedMessage) {
        String when = HH_MM.format(entry.at().atZone(zone));
        if (entry.message().isPresent() || fromAddedMessage) {
            // The source is Markdown: the name in it is escaped here, so a name cannot end the link early.
            String source = "message by @" + MarkdownText.inline(item.author()) + " at " + when;
            return new ActionItem(item.text(), "unassigned", item.link().map(l -> "[" + source + "](" + l + ")").orElse(source));
        }
        Matcher owner = TRAILING_MENTION.matcher(entry.text());
        if (owner.find()) {
            RichText text = markup.parse(entry.text().substring(0, owner.start()).strip());
            return new ActionItem(text, directory.userName(owner.group(1)),
                    "/incident action by @" + MarkdownText.inline(item.author()) + " at " + when);
        }
        return new ActionItem(item.text(), "unassigned", "/incident action by @" + MarkdownText.inline(item.author()) + " at " + when);
    }

    private TimelineItem timelineItem(Incident incident, TimelineEntry entry, Map<String, String> threadOf,
                                      AddedMessage added) {
        Optional<String> link = added != null
                ? added.link().or(() -> directory.permalink(added.channelId(), added.ts(), added.threadTs()))
                : entry.message().flatMap(ts -> directory.permalink(incident.channelId(), ts, threadOf.get(ts)));
        return new TimelineItem(entry.at(), entry.kind(), author(entry.authorId()), markup.parse(entry.text()), link);
    }

    private TranscriptItem transcriptItem(RecordedMessage m) {
        return new TranscriptItem(m.postedAt(), author(m.authorId()), markup.parse(m.text()), m.isThreadReply(), m.ts(),
                m.parentTs(), directory.permalink(m.channelId(), m.ts(), m.threadTs()));
    }

    private String author(String userId) {
        return userId == null ? "Incident Scribe" : directory.userName(userId);
    }

    /** Ordered by first appearance in time, so the list reads like who joined the response when. */
    private List<String> participants(Collection<RecordedMessage> firstMessages, List<TimelineEntry> entries) {
        record Appearance(Instant at, String userId) {
        }
        List<Appearance> all = new ArrayList<>();
        firstMessages.forEach(m -> all.add(new Appearance(m.postedAt(), m.authorId())));
        entries.stream().filter(e -> e.authorId() != null).forEach(e -> all.add(new Appearance(e.at(), e.authorId())));
        all.sort(Comparator.comparing(Appearance::at));
        Set<String> names = new LinkedHashSet<>();
        all.forEach(a -> names.add(directory.userName(a.userId())));
        return List.copyOf(names);
    }
}
