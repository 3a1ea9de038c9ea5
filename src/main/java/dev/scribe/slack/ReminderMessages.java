package dev.scribe.slack;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import dev.scribe.reminder.DueReminder;
import dev.scribe.reminder.ReminderSettings;
import dev.scribe.report.Postmortem;
import dev.scribe.slack.view.HeaderControls;
import java.util.ArrayList;
import java.util.List;

/**
 * The reminders' words: short and calm, addressed to the commander (or to nobody in particular: no broadcast), and
 * each saying which setting sends it and how to turn it off. The update and close reminders carry the header's own
 * controls (in a block {@code incident_reminder:<n>}), so the header's handlers serve them. Pure.
 */
final class ReminderMessages {

    /** Action items listed in one reminder at most; the rest are counted. */
    static final int MAX_LISTED = 10;

    private ReminderMessages() {
    }

    /** No update for a while: a nudge to post a status or a note. */
    static SlackMessage update(DueReminder r) {
        String text = to(r) + "Incident " + r.incidentNumber() + " has had no status change, note or marked moment for "
                + ReminderSettings.words(r.after()) + ". When you can, post where it stands: `/incident status ...` or "
                + "`/incident note ...`.";
        return message(text, r, "Sent after " + ReminderSettings.words(r.after()) + " without an update, at most once in "
                + "that time.", List.of(HeaderControls.statusSelect(), HeaderControls.addNoteButton(r.incidentNumber())));
    }

    /** Resolved a while ago and still open: close it? */
    static SlackMessage close(DueReminder r) {
        String text = to(r) + "Incident " + r.incidentNumber() + " was resolved " + ReminderSettings.words(r.after())
                + " ago and is still open. Close it? `/incident close [resolution]` posts the report.";
        return message(text, r, "Sent once each time it is resolved.",
                List.of(HeaderControls.closeButton(r.incidentNumber())));
    }

    /** Action items nobody owns, after the close, in the summary's thread. */
    static SlackMessage actions(DueReminder r, Postmortem report, List<Postmortem.ActionItem> unowned) {
        StringBuilder text = new StringBuilder(to(r)).append(unowned.size() == 1 ? "One action item" : unowned.size()
                + " action items").append(" of incident ").append(r.incidentNumber()).append(unowned.size() == 1
                ? " has" : " have").append(" no owner yet:");
        unowned.stream().limit(MAX_LISTED).forEach(a -> text.append("\n• ")
                .append(Mrkdwn.truncate(Mrkdwn.render(a.text()), ReportBlocks.MAX_TIMELINE_LINE)));
        if (unowned.size() > MAX_LISTED) {
            text.append("\n… and ").append(unowned.size() - MAX_LISTED).append(" more.");
        }
        text.append("\nGive each one an owner in the RCA skeleton (`").append(report.fileName()).append("`).");
        return message(text.toString(), r, "Sent once, " + ReminderSettings.words(r.after()) + " after the close.",
                List.of());
    }

    private static String to(DueReminder r) {
        return r.commander().map(c -> "<@" + c + "> ").orElse("");
    }

    private static SlackMessage message(String text, DueReminder r, String when, List<BlockElement> controls) {
        String shown = Mrkdwn.truncate(text, ReportBlocks.MAX_SECTION);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(shown))));
        if (!controls.isEmpty()) {
            blocks.add(com.slack.api.model.block.Blocks.actions(a -> a.blockId(HeaderControls.blockId(HeaderControls.REMINDER_BLOCK, r.incidentNumber()))
                    .elements(controls)));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText(when + " To turn it off, set `" + r.kind().setting()
                + "=off`.")))));
        return new SlackMessage(shown, blocks);
    }
}
