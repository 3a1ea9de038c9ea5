package dev.scribe.slack.view;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import dev.scribe.incident.Incident;
import dev.scribe.incident.ReactionMap;
import dev.scribe.incident.RoleHolders;
import dev.scribe.incident.ShownTimes;
import dev.scribe.incident.UserText;
import dev.scribe.report.KeyTimings;
import dev.scribe.report.Postmortem;
import dev.scribe.report.ReadBackText;
import dev.scribe.slack.Mrkdwn;
import dev.scribe.slack.SlackMessage;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The header message pinned in an incident's channel, and kept up to date: title, status, severity, start, who holds
 * each role, the key timings so far, the controls that run the incident (while it is open), and one line saying
 * which emoji mark which moment. Pure. Each part is one method, so a line added to the header is a line added here.
 *
 * <pre>
 * 🚨 Incident 4: Checkout errors after deploy
 * Status: Investigating   Severity: SEV2   Started: today 19:16
 * ⏳ Catching up: reading back what was said while ...   (only while the channel is read back)
 * Commander  @alice                                  [Choose the commander ▾]
 * Comms      nobody yet                              [Choose the comms ▾]
 * Key timings ...
 * [Investigating ▾] [SEV2 ▾] [Add action item] [Add note] [Close incident]
 * Everything said in this channel is recorded ... React to mark moments (:boom: trigger, ...)
 * </pre>
 */
public final class IncidentHeader {

    static final int MAX_HEADER = 150;
    static final int MAX_SECTION = 3000;
    static final int MAX_FIELD = 2000;

    private IncidentHeader() {
    }

    /**
     * The header from the report compiled so far: its key timings, and, while the channel is being read back after
     * the bot was unreachable, a line saying so.
     */
    public static SlackMessage fromReport(Incident incident, RoleHolders roles, Postmortem report, ZoneId zone,
                                          ReactionMap reactions) {
        return of(incident, roles, report.timings(), report.readBack().inProgress(), zone, reactions);
    }

    /**
     * The header of {@code incident}, with the key timings so far (null when not compiled yet). Closed, it has no
     * controls: nothing can be changed from it until the incident is reopened.
     */
    public static SlackMessage of(Incident incident, RoleHolders roles, KeyTimings timings, ZoneId zone,
                                  ReactionMap reactions) {
        return of(incident, roles, timings, false, zone, reactions);
    }

    private static SlackMessage of(Incident incident, RoleHolders roles, KeyTimings timings, boolean catchingUp,
                                   ZoneId zone, ReactionMap reactions) {
        String title = "Incident " + incident.number() + ": " + UserText.oneLine(incident.title());
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(Mrkdwn.truncate(":rotating_light: " + title, MAX_HEADER), true))));
        blocks.add(facts(incident, zone));
        if (catchingUp) {
            blocks.add(context(c -> c.elements(List.of(markdownText(ReadBackText.IN_PROGRESS)))));
        }
        for (RoleHolders.Holder holder : roles.holders()) {
            blocks.add(role(incident, holder));
        }
        if (timings != null) {
            blocks.add(section(s -> s.text(verbatim(Mrkdwn.truncate(KeyTimingsText.of(timings, zone), MAX_SECTION)))));
        }
        if (incident.isOpen()) {
            blocks.add(controls(incident));
        }
        blocks.add(legend(reactions));
        // The header block is plain_text, which Slack shows as it is; the message text is mrkdwn, where a raw
        // <!here> in the title would ping the channel from every notification.
        return new SlackMessage(Mrkdwn.escape(title), blocks);
    }

    private static LayoutBlock facts(Incident incident, ZoneId zone) {
        List<TextObject> fields = List.of(
                field("Status", incident.isOpen() ? incident.status().label() : "Closed"),
                field("Severity", incident.severity().label()),
                field("Started", shownDate(incident.startedAt(), zone)));
        return section(s -> s.fields(fields));
    }

    /** One role and who holds it; while the incident is open, a select beside it gives it to someone else. */
    private static LayoutBlock role(Incident incident, RoleHolders.Holder holder) {
        String text = "*" + Mrkdwn.escape(holder.label()) + "*  " + holder.userId().map(u -> "<@" + u + ">")
                .orElse("_nobody yet_");
        SectionBlock.SectionBlockBuilder block = SectionBlock.builder()
                .blockId(HeaderControls.blockId(HeaderControls.HEADER_ROLE_BLOCK + holder.role(), incident.number()))
                .text(markdownText(text));
        if (incident.isOpen()) {
            block.accessory(HeaderControls.roleSelect(holder.role(), holder.userId()));
        }
        return block.build();
    }

    private static LayoutBlock controls(Incident incident) {
        int n = incident.number();
        List<BlockElement> elements = List.of(
                HeaderControls.statusSelect(incident.status()),
                HeaderControls.severitySelect(incident.severity()),
                HeaderControls.addActionButton(n),
                HeaderControls.addNoteButton(n),
                HeaderControls.closeButton(n));
        return actions(a -> a.blockId(HeaderControls.blockId(HeaderControls.HEADER_BLOCK, n)).elements(elements));
    }

    /** What is recorded, and in one line which emoji mark which moment, from the reaction table in force. */
    private static LayoutBlock legend(ReactionMap reactions) {
        String legend = reactions.legend();
        return context(c -> c.elements(List.of(markdownText(Mrkdwn.truncate(
                "Everything said in this channel is recorded, threads included. "
                        + (legend.isEmpty() ? "" : "React to mark moments (" + legend + "); ")
                        + "`/incident help` for commands.", MAX_SECTION)))));
    }

    /** A date Slack shows in the reader's zone, falling back to {@code 2026-12-01 19:16 UTC} in the team's. */
    private static String shownDate(Instant at, ZoneId zone) {
        return Mrkdwn.date(at, "{date_short_pretty} {time}", ShownTimes.DATE_TIME_ZONE.format(at.atZone(zone)));
    }

    private static TextObject field(String label, String value) {
        return markdownText("*" + label + "*\n" + Mrkdwn.truncate(value, MAX_FIELD - label.length() - 4));
    }

    /** mrkdwn Slack must not auto-link or auto-mention: the text is quoted user content. */
    private static MarkdownTextObject verbatim(String text) {
        return MarkdownTextObject.builder().text(text).verbatim(true).build();
    }
}
