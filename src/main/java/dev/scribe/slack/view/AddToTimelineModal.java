package dev.scribe.slack.view;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.block.element.StaticSelectElement;
import com.slack.api.model.view.View;
import dev.scribe.incident.EntryKind;
import dev.scribe.incident.Incident;
import dev.scribe.incident.UserText;
import dev.scribe.report.Directory;
import dev.scribe.report.SlackMarkup;
import dev.scribe.slack.Mrkdwn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The modal of the "Add to incident timeline" message shortcut: which open incident, which kind of moment, an optional
 * note; or, with no incident open, a modal saying so and how to declare one. Pure: domain values in, Block Kit out.
 */
public final class AddToTimelineModal {

    /** The message shortcut, as the manifest declares it. */
    public static final String SHORTCUT = "add_to_timeline";
    /** The form's callback_id. */
    public static final String CALLBACK_ID = "add_to_timeline_modal";
    /** The modal shown when no incident is open; it has nothing to submit. */
    public static final String NO_INCIDENT_CALLBACK_ID = "add_to_timeline_no_incident";
    public static final String INCIDENT_BLOCK = "add_to_timeline_incident";
    public static final String INCIDENT_ACTION = "incident";
    public static final String KIND_BLOCK = "add_to_timeline_kind";
    public static final String KIND_ACTION = "kind";
    public static final String NOTE_BLOCK = "add_to_timeline_note";
    public static final String NOTE_ACTION = "note";
    static final String MESSAGE_BLOCK = "add_to_timeline_message";
    static final String MORE_BLOCK = "add_to_timeline_more";

    /** Slack shows at most 100 options in a static select. */
    public static final int MAX_INCIDENT_OPTIONS = 100;
    /** A note is as long as a command's note may be. */
    public static final int MAX_NOTE = 3000;
    /** Slack cuts an option's text at 75 characters; the title is cut before, on a character boundary. */
    static final int MAX_OPTION_TEXT = 75;
    /** How much of the message the form quotes, so the person sees which one they chose. */
    static final int QUOTED = 300;

    private AddToTimelineModal() {
    }

    /** The kinds a message can be added as, in the reaction table's order, with the labels the report uses. */
    public static List<EntryKind> kinds() {
        return Arrays.stream(EntryKind.values()).filter(EntryKind::isMarkable).toList();
    }

    /**
     * The form. {@code open} are the open incidents (any order); the one living in {@code channelId} is preselected.
     * When more than {@link #MAX_INCIDENT_OPTIONS} are open, the channel's own and the newest are offered, and the form
     * says how many are left out. {@code authorId} and {@code encodedText} are the message, in Slack's encoding, which
     * the form quotes; {@code privateMetadata} is carried to the submission.
     */
    public static View form(List<Incident> open, String channelId, String authorId, String encodedText,
                            String privateMetadata) {
        Optional<Incident> own = open.stream().filter(i -> i.channelId().equals(channelId)).findFirst();
        List<Incident> offered = new ArrayList<>();
        own.ifPresent(offered::add);
        open.stream().sorted(Comparator.comparingInt(Incident::number).reversed())
                .filter(i -> own.map(o -> o.number() != i.number()).orElse(true))
                .limit(MAX_INCIDENT_OPTIONS - offered.size()).forEach(offered::add);
        List<OptionObject> options = offered.stream().map(AddToTimelineModal::incidentOption).toList();
        StaticSelectElement incidentSelect = StaticSelectElement.builder().actionId(INCIDENT_ACTION)
                .placeholder(plainText("Choose the incident")).options(options)
                .initialOption(own.map(AddToTimelineModal::incidentOption).orElse(null)).build();
        List<OptionObject> kindOptions = kinds().stream().map(k -> option(plainText(k.label()), k.name())).toList();
        StaticSelectElement kindSelect = StaticSelectElement.builder().actionId(KIND_ACTION)
                .placeholder(plainText("What moment is it?")).options(kindOptions).initialOption(kindOptions.get(0)).build();
        PlainTextInputElement note = PlainTextInputElement.builder().actionId(NOTE_ACTION).multiline(true)
                .maxLength(MAX_NOTE).placeholder(plainText("Why it matters, what it shows (optional)")).build();

        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.blockId(MESSAGE_BLOCK).text(markdownText(quote(authorId, encodedText)))));
        blocks.add(input(i -> i.blockId(INCIDENT_BLOCK).label(plainText("Incident")).element(incidentSelect)));
        if (open.size() > offered.size()) {
            int left = open.size() - offered.size();
            blocks.add(context(c -> c.blockId(MORE_BLOCK).elements(List.of(markdownText(open.size()
                    + " incidents are open; Slack lists at most " + MAX_INCIDENT_OPTIONS + ", so the " + left
                    + " oldest are left out. Run `/incident list` to see them all.")))));
        }
        blocks.add(input(i -> i.blockId(KIND_BLOCK).label(plainText("Kind of moment")).element(kindSelect)
                .hint(plainText("It counts for the key timings like a reaction of that kind: an alert added as "
                        + "Detected sets Detected to the alert's time."))));
        blocks.add(input(i -> i.blockId(NOTE_BLOCK).label(plainText("Note")).optional(true).element(note)));
        return view(v -> v.type("modal").callbackId(CALLBACK_ID).title(viewTitle(t -> t.type("plain_text").text("Add to timeline")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Add")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .privateMetadata(privateMetadata).blocks(blocks));
    }

    /** The modal when no incident is open: nothing to add the message to, and how to start one. */
    public static View noOpenIncident() {
        return view(v -> v.type("modal").callbackId(NO_INCIDENT_CALLBACK_ID)
                .title(viewTitle(t -> t.type("plain_text").text("Add to timeline")))
                .close(viewClose(c -> c.type("plain_text").text("Close")))
                .blocks(List.of(section(s -> s.text(markdownText("No incident is open, so there is no timeline to add "
                        + "this message to. Declare one with `/incident start <title>` (or the *Declare an incident* "
                        + "shortcut), then use *Add to incident timeline* on this message again."))))));
    }

    /** The option of an incident: {@code Incident 4 · SEV2 · title}, cut to Slack's 75 characters. */
    static OptionObject incidentOption(Incident incident) {
        String text = "Incident " + incident.number() + " · " + incident.severity().label() + " · "
                + UserText.oneLine(incident.title());
        return option(plainText(cut(text, MAX_OPTION_TEXT)), String.valueOf(incident.number()));
    }

    /** The message quoted: its author and the start of its text, escaped so it pings nobody. */
    static String quote(String authorId, String encodedText) {
        String shown = Mrkdwn.render(new SlackMarkup(Directory.ofIdsOnly()).parse(encodedText == null ? "" : encodedText));
        String text = shown.isBlank() ? "_(no text: attachments or blocks only)_" : Mrkdwn.truncate(shown, QUOTED);
        String by = authorId == null ? "" : "<@" + authorId + ">: ";
        return "*Message* " + by + "\n>" + text.replace("\n", "\n>");
    }

    private static String cut(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }
}
