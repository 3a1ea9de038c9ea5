package dev.scribe.report;

import dev.scribe.incident.EntryKind;
import dev.scribe.incident.ReadBack;
import dev.scribe.incident.Severity;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The compiled report of one incident, names resolved and lists sorted: what every renderer (Markdown,
 * the Slack summary and thread) reads. Built by {@link PostmortemCompiler}. {@code impact} is what was known when
 * the incident was declared from the form. {@code readBack} says which part of the transcript was read back from
 * Slack after the bot had been unreachable ({@link ReadBackText}).
 */
public record Postmortem(
        int number,
        String title,
        Severity severity,
        String status,
        boolean closed,
        String commander,
        List<Role> roles,
        List<String> participants,
        Instant startedAt,
        Optional<Instant> closedAt,
        Optional<RichText> resolution,
        KeyTimings timings,
        List<TimelineItem> timeline,
        List<ActionItem> actionItems,
        List<TimelineItem> wentWell,
        List<TimelineItem> wentBadly,
        List<TimelineItem> impact,
        Transcript transcript,
        ZoneId zone,
        ReadBack readBack) {

    /**
     * A role besides the commander's ({@code Comms}) and the name of who holds it, empty when nobody does; in the
     * order the roles are configured.
     */
    public record Role(String label, Optional<String> holder) {
    }

    /** A key entry of the timeline. */
    public record TimelineItem(Instant at, EntryKind kind, String author, RichText text, Optional<String> link) {
    }

    /**
     * A recorded message, for the transcript: {@code ts} is its Slack id, {@code parentTs} the thread's parent
     * when it is a reply (so a page can show replies under their parent), {@code link} the message in Slack.
     */
    public record TranscriptItem(Instant at, String author, RichText text, boolean threadReply, String ts,
                                 Optional<String> parentTs, Optional<String> link) {
    }

    /**
     * An action item with its owner ({@code unassigned} when none) and where it came from; {@code source} is
     * Markdown already (a link to the message), its names escaped.
     */
    public record ActionItem(RichText text, String owner, String source) {
    }

    public Postmortem {
        roles = List.copyOf(roles);
        participants = List.copyOf(participants);
        timeline = List.copyOf(timeline);
        actionItems = List.copyOf(actionItems);
        wentWell = List.copyOf(wentWell);
        wentBadly = List.copyOf(wentBadly);
        impact = List.copyOf(impact);
    }

    /** What the report says about messages read back rather than received live; empty when there were none. */
    public List<String> readBackLines() {
        return ReadBackText.lines(readBack, zone);
    }

    /** The report's file name, e.g. {@code incident-7-rca.md}. */
    public String fileName() {
        return "incident-" + number + "-rca.md";
    }
}
