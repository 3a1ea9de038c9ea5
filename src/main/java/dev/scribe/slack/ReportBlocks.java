package dev.scribe.slack;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.TextObject;
import dev.scribe.incident.Incident;
import dev.scribe.incident.UserText;
import dev.scribe.report.KeyTimings;
import dev.scribe.report.Postmortem;
import dev.scribe.report.Postmortem.TimelineItem;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Block Kit for what the bot posts: the pinned header, the retro summary and the timeline thread. Pure;
 * every message it returns respects Slack's limits (50 blocks, 3,000 characters a section, 2,000 a
 * field, 150 a header, about 12,000 characters of block text a message).
 */
public final class ReportBlocks {

    static final int MAX_BLOCKS = 50;
    static final int MAX_SECTION = 3000;
    static final int MAX_FIELD = 2000;
    static final int MAX_HEADER = 150;
    /** Slack refuses messages whose blocks hold more than about 12,000 characters; stay clear of it. */
    static final int MAX_MESSAGE_TEXT = 11_000;

    private static final DateTimeFormatter HH_MM_ZONE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz");

    private ReportBlocks() {
    }

    /** The header message pinned in the incident channel, before anything is marked. */
    public static SlackMessage headerMessage(Incident incident) {
        return headerMessage(incident, null, null);
    }

    /** The header message with the key timings so far (null when not known yet). */
    public static SlackMessage headerMessage(Incident incident, KeyTimings timings, ZoneId zone) {
        String title = "Incident " + incident.number() + ": " + UserText.oneLine(incident.title());
        List<TextObject> fields = List.of(
                field("Status", incident.isOpen() ? incident.status().label() : "Closed"),
                field("Severity", incident.severity().label()),
                field("Commander", incident.commanderId() == null ? "-" : "<@" + incident.commanderId() + ">"),
                field("Started", Mrkdwn.date(incident.startedAt(), "{date_short_pretty} {time}",
                        incident.startedAt().toString())));
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(Mrkdwn.truncate(":rotating_light: " + title, MAX_HEADER), true))));
        blocks.add(section(s -> s.fields(fields)));
        if (timings != null) {
            blocks.add(section(s -> s.text(verbatim(Mrkdwn.truncate(keyTimings(timings, zone), MAX_SECTION)))));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText(
                "Everything said in this channel is recorded, threads included. React to mark moments "
                        + "(:boom: trigger, :rotating_light: detected, :bulb: cause, :adhesive_bandage: mitigated, "
                        + ":white_check_mark: resolved); `/incident help` for commands.")))));
        // The header block is plain_text, which Slack shows as it is; the message text is mrkdwn, where a raw
        // <!here> in the title would ping the channel from every notification.
        return new SlackMessage(Mrkdwn.escape(title), blocks);
    }

    /** The retro summary posted on close. */
    public static SlackMessage summaryMessage(Postmortem p) {
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
        blocks.add(section(s -> s.text(verbatim(Mrkdwn.truncate(keyTimings(p.timings(), p.zone()), MAX_SECTION)))));
        String counts = p.transcript().size() + " messages · " + p.participants().size() + " participants · "
                + p.timeline().size() + " key events · " + p.actionItems().size() + " action items";
        blocks.add(context(c -> c.elements(List.of(markdownText(counts)))));
        blocks.add(context(c -> c.elements(List.of(markdownText(
                "The timeline is in this thread; the RCA skeleton is `" + p.fileName() + "`.")))));
        return new SlackMessage(Mrkdwn.escape(title + " (" + p.timings().duration().display() + ")"), blocks);
    }

    private static String keyTimings(KeyTimings timings, ZoneId zone) {
        StringBuilder text = new StringBuilder("*Key timings*\n");
        for (KeyTimings.Moment m : timings.moments()) {
            text.append("• ").append(m.label()).append(": ");
            if (m.at().isPresent()) {
                text.append(Mrkdwn.date(m.at().get(), "{date_short_pretty} {time}",
                        HH_MM_ZONE.format(m.at().get().atZone(zone))));
                if (!m.source().equals("marked") && !m.source().equals("closed")) {
                    text.append(" _(").append(Mrkdwn.escape(m.source())).append(")_");
                }
            } else {
                text.append("- _(").append(Mrkdwn.escape(m.source())).append(")_");
            }
            text.append('\n');
        }
        for (KeyTimings.Span s : timings.spans()) {
            text.append("• ").append(s.label()).append(": ").append(Mrkdwn.escape(s.display())).append('\n');
        }
        return text.toString();
    }

    /** The timeline as thread messages, split over as many messages as Slack's limits need. */
    public static List<SlackMessage> timelineMessages(Postmortem p) {
        List<String> lines = new ArrayList<>();
        LocalDate day = null;
        for (TimelineItem item : p.timeline()) {
            LocalDate itemDay = item.at().atZone(p.zone()).toLocalDate();
            if (!Objects.equals(day, itemDay)) {
                day = itemDay;
                lines.add("*" + Mrkdwn.date(item.at(), "{date_long}", itemDay.toString()) + "*");
            }
            lines.add(timelineLine(item, p.zone()));
        }
        if (lines.isEmpty()) {
            lines.add("_Nothing was marked on the timeline._");
        }
        List<List<String>> messages = pack(lines);
        List<SlackMessage> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            String text = "Timeline of incident " + p.number() + " (part " + (i + 1) + " of " + messages.size() + ")";
            List<LayoutBlock> blocks = new ArrayList<>();
            for (String section : messages.get(i)) {
                blocks.add(section(s -> s.text(verbatim(section))));
            }
            out.add(new SlackMessage(text, blocks));
        }
        return out;
    }

    private static String timelineLine(TimelineItem item, ZoneId zone) {
        String time = Mrkdwn.date(item.at(), "{time}", DateTimeFormatter.ofPattern("HH:mm").format(item.at().atZone(zone)));
        String line = "`" + time + "` *" + item.kind().label() + "* @" + Mrkdwn.escape(item.author()) + ": "
                + Mrkdwn.render(item.text());
        String link = item.link().map(l -> " <" + Mrkdwn.escape(l) + "|link>").orElse("");
        return Mrkdwn.truncate(line, MAX_SECTION - link.length() - 1) + link;
    }

    /** Packs lines into sections (at most 3,000 characters) and sections into messages. */
    static List<List<String>> pack(List<String> lines) {
        List<String> sections = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : lines) {
            String line = Mrkdwn.truncate(raw, MAX_SECTION);
            if (!current.isEmpty() && current.length() + 1 + line.length() > MAX_SECTION) {
                sections.add(current.toString());
                current.setLength(0);
            }
            if (!current.isEmpty()) {
                current.append('\n');
            }
            current.append(line);
        }
        if (!current.isEmpty()) {
            sections.add(current.toString());
        }
        List<List<String>> messages = new ArrayList<>();
        List<String> message = new ArrayList<>();
        int chars = 0;
        for (String section : sections) {
            if (!message.isEmpty() && (message.size() == MAX_BLOCKS || chars + section.length() > MAX_MESSAGE_TEXT)) {
                messages.add(message);
                message = new ArrayList<>();
                chars = 0;
            }
            message.add(section);
            chars += section.length();
        }
        if (!message.isEmpty()) {
            messages.add(message);
        }
        return messages;
    }

    private static TextObject field(String label, String value) {
        return markdownText("*" + label + "*\n" + Mrkdwn.truncate(value, MAX_FIELD - label.length() - 4));
    }

    /** mrkdwn Slack must not auto-link or auto-mention: the text is quoted user content. */
    private static MarkdownTextObject verbatim(String text) {
        return MarkdownTextObject.builder().text(text).verbatim(true).build();
    }
}
