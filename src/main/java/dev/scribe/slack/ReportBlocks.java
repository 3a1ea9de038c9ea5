package dev.scribe.slack;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.TextObject;
import dev.scribe.incident.EntryKind;
import dev.scribe.incident.Incident;
import dev.scribe.incident.ShownTimes;
import dev.scribe.incident.Status;
import dev.scribe.incident.UserText;
import dev.scribe.report.Postmortem;
import dev.scribe.report.Postmortem.TimelineItem;
import dev.scribe.slack.view.KeyTimingsText;
import dev.scribe.report.ReadBackText;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Block Kit for what the bot posts: the announcement, the retro summary and the timeline thread (the pinned header is
 * {@link dev.scribe.slack.view.IncidentHeader}). Pure;
 * every message it returns respects Slack's limits (50 blocks, 3,000 characters a section, 2,000 a
 * field, 150 a header, about 12,000 characters of block text a message).
 */
final class ReportBlocks {

    static final int MAX_BLOCKS = 50;
    static final int MAX_SECTION = 3000;
    static final int MAX_FIELD = 2000;
    static final int MAX_HEADER = 150;
    /** Slack refuses messages whose blocks hold more than about 12,000 characters; stay clear of it. */
    static final int MAX_MESSAGE_TEXT = 11_000;

    /** About where a timeline line is cut: one long message must not fill a whole section. */
    static final int MAX_TIMELINE_LINE = 300;

    private static final DateTimeFormatter HH_MM = ShownTimes.HH_MM;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", Locale.ENGLISH);

    private ReportBlocks() {
    }

    /**
     * The announcement in the channel where an incident living in its own channel was started. It says the
     * severity and, once it moved on from the first, the status the incident has now, as the header does: it is
     * posted once and kept up to date.
     */
    public static SlackMessage announcementMessage(Incident incident) {
        return announcementMessage(incident, Optional.empty());
    }

    /** The announcement, linking to the incident's page when {@code page} is given (SCRIBE_PUBLIC_URL is set). */
    public static SlackMessage announcementMessage(Incident incident, Optional<String> page) {
        String state = !incident.isOpen() ? " · *Closed*"
                : incident.status() == Status.INVESTIGATING ? "" : " · *" + incident.status().label() + "*";
        String text = ":rotating_light: <@" + incident.openedBy() + "> opened *incident " + incident.number() + "*: "
                + Mrkdwn.escape(incident.title()) + " (" + incident.severity().label() + ") in <#" + incident.channelId()
                + ">" + state + page.map(url -> " · <" + url + "|incident page>").orElse("");
        return new SlackMessage(text, List.of(section(s -> s.text(markdownText(Mrkdwn.truncate(text, MAX_SECTION))))));
    }

    /** The retro summary posted on close in the incident's channel, the timeline and the RCA file in its thread. */
    public static SlackMessage summaryMessage(Postmortem p) {
        return summaryMessage(p, Optional.empty());
    }

    /** The summary, linking to the incident's page (timeline chart, transcript) when {@code page} is given. */
    public static SlackMessage summaryMessage(Postmortem p, Optional<String> page) {
        return summary(p, "The timeline is in this thread; the RCA skeleton is `" + p.fileName() + "`."
                + pageLink(page));
    }

    private static String pageLink(Optional<String> page) {
        return page.map(url -> " The <" + url + "|incident's page> has its chart and transcript (sign-in with Slack).")
                .orElse("");
    }

    /**
     * The copy of the summary for the retro channel, which has no thread of its own: it points to the
     * incident's channel, where the summary's thread holds the timeline and the RCA skeleton.
     */
    public static SlackMessage retroMessage(Postmortem p, String incidentChannelId) {
        return retroMessage(p, incidentChannelId, Optional.empty());
    }

    /** The retro channel's copy, linking to the incident's page when {@code page} is given. */
    public static SlackMessage retroMessage(Postmortem p, String incidentChannelId, Optional<String> page) {
        return summary(p, "The timeline and the RCA skeleton (`" + p.fileName() + "`) are in the thread of the summary in <#"
                + incidentChannelId + ">." + pageLink(page));
    }

    private static SlackMessage summary(Postmortem p, String where) {
        String title = "Incident " + p.number() + " closed: " + UserText.oneLine(p.title());
        List<TextObject> fields = new ArrayList<>(List.of(
                field("Severity", p.severity().label()),
                field("Commander", "@" + Mrkdwn.escape(p.commander())),
                field("Status", p.status()),
                field("Duration", Mrkdwn.escape(p.timings().duration().display()))));
        p.resolution().ifPresent(r -> fields.add(field("Resolution", Mrkdwn.render(r))));
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(Mrkdwn.truncate(":white_check_mark: " + title, MAX_HEADER), true))));
        blocks.add(section(s -> s.fields(fields)));
        blocks.add(section(s -> s.text(verbatim(Mrkdwn.truncate(KeyTimingsText.of(p.timings(), p.zone()), MAX_SECTION)))));
        long keyEvents = p.timeline().stream().filter(i -> isKeyMoment(i.kind())).count();
        String counts = count(p.transcript().size(), "message") + " · " + count(p.participants().size(), "participant")
                + " · " + count(keyEvents, "key event") + " · " + count(p.actionItems().size(), "action item");
        blocks.add(context(c -> c.elements(List.of(markdownText(counts)))));
        for (String line : p.readBackLines()) {
            blocks.add(context(c -> c.elements(List.of(markdownText(line)))));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText(where)))));
        return new SlackMessage(Mrkdwn.escape(title + " (" + p.timings().duration().display() + ")"), blocks);
    }

    /**
     * The moments people recorded: marked messages and notes. Action items are counted on their own; status,
     * severity and commander changes and the opening and closing rows are the bot's bookkeeping.
     */
    static boolean isKeyMoment(EntryKind kind) {
        return kind == EntryKind.NOTE || kind.isMarkable() && kind != EntryKind.ACTION_ITEM;
    }

    /** {@code 1 action item}, {@code 2 action items}. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The timeline as thread messages, split over as many messages as Slack's limits need. */
    public static List<SlackMessage> timelineMessages(Postmortem p) {
        return timelineParts(p).stream().map(TimelinePart::message).toList();
    }

    /** One thread message of the timeline and the time of the first entry it shows (empty when none). */
    record TimelinePart(SlackMessage message, Optional<Instant> from) {
    }

    /**
     * The timeline in parts. Days are grouped in the report's zone and their headers name it (a {@code <!date>}
     * token would show the day in each reader's zone, under a grouping made in another); times are shown in
     * the same zone, so a line always sits under its own day. Each part after the first starts with its day
     * again, and each line is cut to about {@value #MAX_TIMELINE_LINE} characters, its link kept.
     */
    static List<TimelinePart> timelineParts(Postmortem p) {
        List<String> lines = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        List<String> continued = new ArrayList<>();
        LocalDate day = null;
        String dayLabel = null;
        for (TimelineItem item : p.timeline()) {
            LocalDate itemDay = item.at().atZone(p.zone()).toLocalDate();
            if (!Objects.equals(day, itemDay)) {
                day = itemDay;
                dayLabel = "*" + DAY.format(itemDay) + "* (" + Mrkdwn.escape(p.zone().getId()) + ")";
                lines.add(dayLabel);
                times.add(item.at());
                continued.add(null);
            }
            lines.add(timelineLine(item, p.zone()));
            times.add(item.at());
            continued.add(dayLabel + ", continued");
        }
        if (lines.isEmpty()) {
            lines.add("_Nothing was marked on the timeline._");
            times.add(null);
            continued.add(null);
        }
        Packed packed = pack(lines, continued::get);
        List<TimelinePart> out = new ArrayList<>();
        int total = packed.messages().size();
        for (int i = 0; i < total; i++) {
            String text = "Timeline of incident " + p.number() + " (part " + (i + 1) + " of " + total + ")";
            List<LayoutBlock> blocks = new ArrayList<>();
            for (String section : packed.messages().get(i)) {
                blocks.add(section(s -> s.text(verbatim(section))));
            }
            out.add(new TimelinePart(new SlackMessage(text, blocks),
                    Optional.ofNullable(times.get(packed.firstLines().get(i)))));
        }
        return out;
    }

    private static String timelineLine(TimelineItem item, ZoneId zone) {
        String line = "`" + HH_MM.format(item.at().atZone(zone)) + "` *" + item.kind().label() + "* @"
                + Mrkdwn.escape(item.author()) + ": " + Mrkdwn.render(item.text());
        String link = item.link().map(l -> " <" + Mrkdwn.escape(l) + "|link>").orElse("");
        return Mrkdwn.truncate(line, MAX_TIMELINE_LINE) + link;
    }

    /** Packs lines into sections (at most 3,000 characters) and sections into messages. */
    static List<List<String>> pack(List<String> lines) {
        return pack(lines, i -> null).messages();
    }

    /**
     * What one message may hold: sections, characters a section, characters of all its sections. At Slack's
     * limits the message budget always binds before the block count (two sections in a row hold over 3,000
     * characters), so tests give smaller limits to show the block count is kept too.
     */
    record Limits(int blocks, int section, int message) {
        static final Limits SLACK = new Limits(MAX_BLOCKS, MAX_SECTION, MAX_MESSAGE_TEXT);
    }

    /** Messages of sections, and the index of the first line each message shows. */
    record Packed(List<List<String>> messages, List<Integer> firstLines) {
    }

    /**
     * Packs lines into sections and messages; a message that starts at line {@code i} starts with
     * {@code continuation.apply(i)} first, when that is not null (the day a part begins in).
     */
    static Packed pack(List<String> lines, IntFunction<String> continuation) {
        return pack(lines, continuation, Limits.SLACK);
    }

    static Packed pack(List<String> lines, IntFunction<String> continuation, Limits limits) {
        List<List<String>> messages = new ArrayList<>();
        List<Integer> firstLines = new ArrayList<>();
        List<String> message = new ArrayList<>();
        StringBuilder section = new StringBuilder();
        int chars = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = Mrkdwn.truncate(lines.get(i), limits.section());
            if (i == 0) {
                firstLines.add(0);
            }
            if (!section.isEmpty() && section.length() + 1 + line.length() > limits.section()) {
                message.add(section.toString());
                chars += section.length();
                section.setLength(0);
            }
            boolean started = !message.isEmpty() || !section.isEmpty();
            int after = chars + section.length() + (section.isEmpty() ? 0 : 1) + line.length();
            if (started && (after > limits.message() || section.isEmpty() && message.size() == limits.blocks())) {
                if (!section.isEmpty()) {
                    message.add(section.toString());
                    section.setLength(0);
                }
                messages.add(message);
                message = new ArrayList<>();
                chars = 0;
                firstLines.add(i);
                String header = continuation.apply(i);
                if (header != null && header.length() + 1 + line.length() <= limits.section()) {
                    section.append(header);
                } else if (header != null) {
                    message.add(Mrkdwn.truncate(header, limits.section()));
                    chars += message.get(0).length();
                }
            }
            if (!section.isEmpty()) {
                section.append('\n');
            }
            section.append(line);
        }
        if (!section.isEmpty()) {
            message.add(section.toString());
        }
        if (!message.isEmpty()) {
            messages.add(message);
        }
        return new Packed(messages, firstLines);
    }

    private static TextObject field(String label, String value) {
        return markdownText("*" + label + "*\n" + Mrkdwn.truncate(value, MAX_FIELD - label.length() - 4));
    }

    /** mrkdwn Slack must not auto-link or auto-mention: the text is quoted user content. */
    private static MarkdownTextObject verbatim(String text) {
        return MarkdownTextObject.builder().text(text).verbatim(true).build();
    }
}
