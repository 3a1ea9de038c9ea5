package dev.scribe.web;

import dev.scribe.incident.EntryKind;
import dev.scribe.report.KeyTimings;
import dev.scribe.report.Postmortem;
import dev.scribe.report.Postmortem.TimelineItem;
import dev.scribe.report.Postmortem.TranscriptItem;
import dev.scribe.report.TranscriptPages;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The incident page's model, made from the same compiled {@link Postmortem} the Markdown report is written from:
 * values the template escapes, times as {@link WebText.Time}. Days are grouped in the team's zone here; the
 * page's script groups them again in the viewer's.
 */
final class IncidentView {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    record Fact(String label, String value) {
    }

    record MomentRow(String label, WebText.Time time, String source) {
    }

    record SpanRow(String label, String display) {
    }

    record Entry(WebText.Time time, String kind, String css, String author, List<WebText.Piece> text, String link) {
    }

    record Day(String day, String label, List<Entry> entries) {
    }

    record Action(List<WebText.Piece> text, String owner, String link) {
    }

    /**
     * A message of the transcript page with its replies; {@code continuedFrom} (a parent shown again) and
     * {@code continuesOn} link the other pages of a thread longer than a page, null when it has none.
     */
    record Message(WebText.Time time, String author, List<WebText.Piece> text, String link, String ts,
                   List<Message> replies, boolean orphanReply, PageLink continuedFrom, PageLink continuesOn) {
        public boolean hasReplies() {
            return !replies.isEmpty();
        }
    }

    /** A link to one page of the transcript; a null {@code href} stands for the pages left out between two. */
    record PageLink(int number, String href, boolean current) {
    }

    /** The links between the transcript's pages: null previous or next on the first or last page. */
    record PageNav(int number, int count, PageLink previous, PageLink next, List<PageLink> pages) {
    }

    /** The most messages on one page of the transcript: a page of a 10,000-message incident in well under 300 ms. */
    static final int TRANSCRIPT_PAGE = 200;

    /** The query parameter that names the transcript's page. */
    static final String TRANSCRIPT_PARAMETER = "transcript";

    final String pageTitle;
    final int number;
    final String title;
    final String severity;
    final String status;
    final boolean closed;
    final String zone;
    final List<Fact> facts = new ArrayList<>();
    final List<WebText.Piece> resolution;
    final List<MomentRow> moments = new ArrayList<>();
    final List<SpanRow> spans = new ArrayList<>();
    final PhaseChart chart;
    final List<Day> days = new ArrayList<>();
    final List<Action> actions = new ArrayList<>();
    final List<Message> transcript = new ArrayList<>();
    /** "1 message", "10,000 messages". */
    final String messageCount;
    final PageNav transcriptNav;
    final boolean hasResolution;
    final boolean hasActions;
    final String markdownLink;
    final String markdownName;

    /** {@code page} is the page of the transcript to show, of the same report. */
    IncidentView(Postmortem p, TranscriptPages.Page page, Instant now) {
        ZoneId zone = p.zone();
        this.zone = zone.getId();
        pageTitle = "Incident " + p.number() + ": " + p.title() + " · Incident Scribe";
        number = p.number();
        title = p.title();
        severity = p.severity().label();
        status = p.status();
        closed = p.closed();
        facts.add(new Fact("Commander", p.commander()));
        p.roles().forEach(role -> facts.add(new Fact(role.label(), role.holder().orElse("nobody yet"))));
        facts.add(new Fact("Participants", p.participants().isEmpty() ? "none recorded" : String.join(", ", p.participants())));
        resolution = p.resolution().map(WebText::pieces).orElse(List.of());
        for (KeyTimings.Moment m : p.timings().moments()) {
            moments.add(new MomentRow(m.label(), m.at().map(at -> WebText.time(at, zone)).orElse(null), m.source()));
        }
        for (KeyTimings.Span s : p.timings().spans()) {
            spans.add(new SpanRow(s.label(), s.display()));
        }
        chart = new PhaseChart(p, now);

        Map<LocalDate, List<Entry>> byDay = new LinkedHashMap<>();
        for (TimelineItem item : p.timeline()) {
            byDay.computeIfAbsent(LocalDate.ofInstant(item.at(), zone), d -> new ArrayList<>()).add(entry(item, zone));
        }
        byDay.forEach((day, entries) -> days.add(new Day(day.toString(), DAY.format(day) + " (" + zone.getId() + ")",
                entries)));

        List<TimelineItem> actionEntries = p.timeline().stream().filter(i -> i.kind() == EntryKind.ACTION_ITEM).toList();
        for (int i = 0; i < p.actionItems().size(); i++) {
            // The compiler lists the action items in timeline order, so the i-th is the i-th ACTION_ITEM entry.
            String link = i < actionEntries.size() ? actionEntries.get(i).link().orElse(null) : null;
            actions.add(new Action(WebText.pieces(p.actionItems().get(i).text()), p.actionItems().get(i).owner(), link));
        }

        for (TranscriptPages.Thread thread : page.threads()) {
            List<Message> replies = thread.replies().stream()
                    .map(r -> message(r, zone, List.of(), false, null, null)).toList();
            transcript.add(message(thread.first(), zone, replies, thread.orphanReply(),
                    thread.continuedFrom().stream().mapToObj(k -> pageLink(p.number(), k, page.number())).findFirst().orElse(null),
                    thread.continuesOn().stream().mapToObj(k -> pageLink(p.number(), k, page.number())).findFirst().orElse(null)));
        }
        transcriptNav = page.count() < 2 ? null : nav(p.number(), page);
        int messages = p.transcript().size();
        messageCount = String.format(Locale.ROOT, "%,d %s", messages, messages == 1 ? "message" : "messages");
        hasResolution = !resolution.isEmpty();
        hasActions = !actions.isEmpty();
        markdownLink = "/incidents/" + p.number() + "/" + p.fileName();
        markdownName = p.fileName();
    }

    private static Entry entry(TimelineItem item, ZoneId zone) {
        String kind = item.kind().label();
        return new Entry(WebText.time(item.at(), zone), kind, "kind-" + kind.toLowerCase(Locale.ROOT).replace(' ', '-'),
                item.author(), WebText.pieces(item.text()), item.link().orElse(null));
    }

    private static Message message(TranscriptItem item, ZoneId zone, List<Message> replies, boolean orphanReply,
                                   PageLink continuedFrom, PageLink continuesOn) {
        return new Message(WebText.time(item.at(), zone), item.author(), WebText.pieces(item.text()),
                item.link().orElse(null), item.ts(), replies, orphanReply, continuedFrom, continuesOn);
    }

    /** The address of a transcript page, scrolled to the transcript. */
    static String transcriptHref(int incident, int page) {
        return "/incidents/" + incident + "?" + TRANSCRIPT_PARAMETER + "=" + page + "#transcript-heading";
    }

    private static PageLink pageLink(int incident, int page, int current) {
        return new PageLink(page, transcriptHref(incident, page), page == current);
    }

    /** Previous and next, the first and last pages and the three either side of this one, by number. */
    private static PageNav nav(int incident, TranscriptPages.Page page) {
        int k = page.number();
        List<PageLink> all = new ArrayList<>();
        for (int i = 1; i <= page.count(); i++) {
            if (i == 1 || i == page.count() || Math.abs(i - k) <= 3) {
                all.add(pageLink(incident, i, k));
            } else if (all.get(all.size() - 1).href() != null) {
                all.add(new PageLink(0, null, false));
            }
        }
        return new PageNav(k, page.count(), k > 1 ? pageLink(incident, k - 1, k) : null,
                k < page.count() ? pageLink(incident, k + 1, k) : null, all);
    }
}
