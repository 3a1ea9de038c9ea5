package dev.scribe.report;

import dev.scribe.incident.ShownTimes;
import dev.scribe.report.KeyTimings.Moment;
import dev.scribe.report.KeyTimings.Span;
import dev.scribe.report.Postmortem.ActionItem;
import dev.scribe.report.Postmortem.TimelineItem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Renders the blameless RCA skeleton as Markdown. Every heading is always present, in the product's
 * order; a section with nothing recorded carries prompts for the author instead.
 */
public final class PostmortemRenderer {

    /** The level-2 headings, in order. Tests and the export path hold the report to this list. */
    public static final List<String> HEADINGS = List.of(
            "Summary", "Key timings", "Impact", "Timeline", "Technical cause and resolution",
            "Contributing factors", "What went well", "What could have gone better", "Lessons learned",
            "Action items", "Transcript");

    static final String BLAMELESS = "> This is a blameless review: we look for flaws in systems and processes, "
            + "not in people. Everyone acted in good faith with what they knew at the time.";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter DATE_TIME_ZONE = ShownTimes.DATE_TIME_ZONE;
    private static final DateTimeFormatter HH_MM = ShownTimes.HH_MM;
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter HH_MM_ZONE = DateTimeFormatter.ofPattern("HH:mm zzz", Locale.ENGLISH);
    private static final DateTimeFormatter HH_MM_SS_ZONE = DateTimeFormatter.ofPattern("HH:mm:ss zzz", Locale.ENGLISH);

    /** Renders the whole document. */
    public String render(Postmortem p) {
        StringBuilder md = new StringBuilder(expectedHeadLength(p));
        md.append("# Incident ").append(p.number()).append(": ").append(MarkdownText.inline(p.title())).append("\n\n");
        md.append(BLAMELESS).append("\n\n");
        summary(md, p);
        keyTimings(md, p);
        impact(md, p.impact());
        timeline(md, p);
        section(md, "Technical cause and resolution");
        prompts(md, "What happened in the system, step by step? What made it start, and what stopped it?",
                "What was changed to resolve it, and is that change temporary or permanent?");
        section(md, "Contributing factors");
        prompts(md, "How was the change reviewed and tested?",
                "Why did it work in staging but not in production?",
                "Were multi-step deployments identified and done in order?",
                "Which single points of failure (a person, a manual step, a missing check) let this through?");
        itemsOrPrompts(md, "What went well", p.wentWell(),
                "What helped us detect, understand or mitigate this quickly?");
        itemsOrPrompts(md, "What could have gone better", p.wentBadly(),
                "Where did we lose time? What was confusing, missing or hard to find?");
        section(md, "Lessons learned");
        prompts(md, "What do we know now that we did not know before?",
                "What would we do differently next time?");
        actionItems(md, p.actionItems());
        MarkdownDocument document = new MarkdownDocument();
        transcript(md, p, document);
        return document.text();
    }

    private void summary(StringBuilder md, Postmortem p) {
        section(md, "Summary");
        md.append("| | |\n|---|---|\n");
        row(md, "Date", DATE.format(p.startedAt().atZone(p.zone())) + " (" + p.zone().getId() + ")");
        row(md, "Severity", p.severity().label());
        row(md, "Status", p.status());
        row(md, "Commander", "@" + MarkdownText.cell(p.commander()));
        for (Postmortem.Role role : p.roles()) {
            row(md, MarkdownText.cell(role.label()), role.holder().map(name -> "@" + MarkdownText.cell(name)).orElse("-"));
        }
        row(md, "Participants", p.participants().isEmpty() ? "-"
                : String.join(", ", p.participants().stream().map(n -> "@" + MarkdownText.cell(n)).toList()));
        row(md, "Duration", p.timings().duration().display());
        row(md, "Resolution", p.resolution().map(MarkdownText::cell).orElse("-"));
        md.append('\n');
    }

    private void keyTimings(StringBuilder md, Postmortem p) {
        section(md, "Key timings");
        md.append("| Moment | When | From |\n|---|---|---|\n");
        for (Moment m : p.timings().moments()) {
            md.append("| ").append(m.label()).append(" | ")
                    .append(m.at().map(at -> DATE_TIME_ZONE.format(at.atZone(p.zone()))).orElse("-"))
                    .append(" | ").append(m.source()).append(" |\n");
        }
        md.append("\n| Duration | |\n|---|---|\n");
        for (Span s : p.timings().spans()) {
            row(md, s.label(), s.display());
        }
        md.append('\n');
    }

    private void timeline(StringBuilder md, Postmortem p) {
        section(md, "Timeline");
        if (p.timeline().isEmpty()) {
            prompts(md, "Nothing was marked. Add the moments that matter: the change that started it, when it was "
                    + "noticed, when the cause was found, when impact stopped.");
            return;
        }
        DateTimeFormatter time = offsetChanges(p) ? HH_MM_ZONE : HH_MM;
        LocalDate day = null;
        for (TimelineItem item : p.timeline()) {
            LocalDate itemDay = item.at().atZone(p.zone()).toLocalDate();
            if (!Objects.equals(day, itemDay)) {
                if (day != null) {
                    md.append('\n');
                }
                day = itemDay;
                md.append("### ").append(DATE.format(itemDay)).append("\n\n");
                md.append("| Time (").append(p.zone().getId()).append(") | Kind | Who | What |\n|---|---|---|---|\n");
            }
            md.append("| ").append(time.format(item.at().atZone(p.zone()))).append(" | ").append(item.kind().label())
                    .append(" | @").append(MarkdownText.cell(item.author())).append(" | ")
                    .append(MarkdownText.cell(item.text()));
            item.link().ifPresent(l -> md.append(" ([link](").append(l).append("))"));
            md.append(" |\n");
        }
        md.append('\n');
    }

    /**
     * What the declarer knew answers the first prompt; the others stay, as a declaration is written before anyone
     * knows how long it lasted or how it was learnt of.
     */
    private void impact(StringBuilder md, List<TimelineItem> known) {
        section(md, "Impact");
        if (known.isEmpty()) {
            prompts(md, "Who and what was affected (customers, internal teams, data), how badly, and for how long?",
                    "How did we learn of it: an alert, a customer, a colleague?");
            return;
        }
        md.append("Known when it was declared:\n\n");
        for (TimelineItem item : known) {
            md.append("- ").append(MarkdownText.listItem(item.text(), "  ")).append(" (@")
                    .append(MarkdownText.inline(item.author())).append(")\n");
        }
        md.append('\n');
        prompts(md, "How long did it last, and who else was affected as it went on?",
                "How did we learn of it: an alert, a customer, a colleague?");
    }

    private void itemsOrPrompts(StringBuilder md, String heading, List<TimelineItem> items, String prompt) {
        section(md, heading);
        if (items.isEmpty()) {
            prompts(md, prompt);
            return;
        }
        for (TimelineItem item : items) {
            md.append("- ").append(MarkdownText.listItem(item.text(), "  ")).append(" (@")
                    .append(MarkdownText.inline(item.author())).append(")\n");
        }
        md.append('\n');
    }

    private void actionItems(StringBuilder md, List<ActionItem> items) {
        section(md, "Action items");
        md.append("| Action | Owner | Source |\n|---|---|---|\n");
        if (items.isEmpty()) {
            md.append("| _What will stop this from happening again, or make it smaller next time?_ | | |\n\n");
            return;
        }
        for (ActionItem a : items) {
            md.append("| ").append(MarkdownText.cell(a.text())).append(" | ")
                    .append(a.owner().equals("unassigned") ? "unassigned" : "@" + MarkdownText.cell(a.owner()))
                    .append(" | ").append(a.source()).append(" |\n");
        }
        md.append('\n');
    }

    /** Writes the transcript into {@code document} after what {@code md} holds, a message's line at a time. */
    private void transcript(StringBuilder md, Postmortem p, MarkdownDocument document) {
        section(md, "Transcript");
        // Said before the messages: a reader must know which part of them did not arrive live.
        for (String line : p.readBackLines()) {
            md.append('_').append(line).append("_\n\n");
        }
        if (p.transcript().isEmpty()) {
            md.append("_No messages were recorded._\n");
            document.append(md);
            return;
        }
        boolean offsetChanges = offsetChanges(p);
        DateTimeFormatter time = offsetChanges ? HH_MM_SS_ZONE : HH_MM_SS;
        md.append("Times in ").append(p.zone().getId())
                .append(offsetChanges ? ", each with its offset's name: the clocks changed during the incident" : "")
                .append(".\n\n");
        document.append(md);
        StringBuilder line = new StringBuilder(256);
        LocalDate[] day = {null};
        p.transcript().forEach(m -> {
            line.setLength(0);
            LocalDate messageDay = m.at().atZone(p.zone()).toLocalDate();
            if (!Objects.equals(day[0], messageDay)) {
                if (day[0] != null) {
                    line.append('\n');
                }
                day[0] = messageDay;
                line.append("### ").append(DATE.format(messageDay)).append("\n\n");
            }
            line.append("- ").append(time.format(m.at().atZone(p.zone()))).append(" **@")
                    .append(MarkdownText.inline(m.author())).append("**");
            if (m.threadReply()) {
                line.append(" (in thread)");
            }
            line.append(": ").append(MarkdownText.listItem(m.text(), "  ")).append('\n');
            document.append(line);
        });
    }

    /**
     * True when the report's zone changes its offset (daylight saving time) between the earliest and the latest
     * time the report shows: then a bare {@code 01:30} could be either of two moments, so every time in the
     * timeline and the transcript carries its offset's name ({@code 01:30 EDT}, {@code 01:30 EST}).
     */
    static boolean offsetChanges(Postmortem p) {
        Instant first = p.startedAt();
        Instant last = p.closedAt().orElse(p.startedAt());
        List<Instant> shown = new ArrayList<>();
        p.timeline().forEach(i -> shown.add(i.at()));
        p.timings().moments().forEach(m -> m.at().ifPresent(shown::add));
        p.transcript().first().ifPresent(shown::add);
        p.transcript().last().ifPresent(shown::add);
        for (Instant at : shown) {
            first = at.isBefore(first) ? at : first;
            last = at.isAfter(last) ? at : last;
        }
        ZoneRules rules = p.zone().getRules();
        ZoneOffsetTransition next = rules.nextTransition(first);
        return next != null && !next.getInstant().isAfter(last);
    }

    /**
     * A little more than everything before the transcript will take, so that buffer is not regrown; the transcript
     * goes into a {@link MarkdownDocument} line by line.
     */
    private static int expectedHeadLength(Postmortem p) {
        return 8192 + 256 * Math.min(p.timeline().size() + p.actionItems().size(), 1 << 20);
    }

    private static void section(StringBuilder md, String heading) {
        md.append("## ").append(heading).append("\n\n");
    }

    private static void prompts(StringBuilder md, String... prompts) {
        for (String prompt : prompts) {
            md.append("- _").append(prompt).append("_\n");
        }
        md.append('\n');
    }

    private static void row(StringBuilder md, String label, String value) {
        md.append("| ").append(label).append(" | ").append(value).append(" |\n");
    }
}
