package dev.scribe.slack.view;

import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.checkboxes;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentService;
import dev.scribe.incident.Severity;
import dev.scribe.slack.Mrkdwn;
import dev.scribe.slack.SlackIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The "Declare an incident" modal: the incidents already open (to join rather than duplicate), then the title,
 * the severity, what is known so far and, when the bot may create private channels, whether it is private. Pure:
 * domain values in, a view out, within Slack's view limits whatever the titles and however many are open.
 */
public final class DeclareModal {

    /** The global shortcut that opens it, as the manifest declares it. */
    public static final String SHORTCUT_CALLBACK_ID = "declare_incident";
    /** The modal's callback_id, which its view_submission carries. */
    public static final String CALLBACK_ID = "declare_incident_modal";
    /** The Home tab's button that opens it. */
    public static final String HOME_DECLARE_ACTION_ID = "home_declare";

    public static final String TITLE_BLOCK = "declare_title";
    public static final String TITLE_ACTION = "title";
    public static final String SEVERITY_BLOCK = "declare_severity";
    public static final String SEVERITY_ACTION = "severity";
    public static final String KNOWN_BLOCK = "declare_known";
    public static final String KNOWN_ACTION = "known";
    public static final String PRIVATE_BLOCK = "declare_private";
    public static final String PRIVATE_ACTION = "private";
    /** The value of the one "private incident" checkbox. */
    public static final String PRIVATE_VALUE = "private";
    static final String OPEN_INCIDENTS_BLOCK = "declare_open_incidents";

    /** How many open incidents are listed by name; the rest are counted. */
    static final int MAX_LISTED = 25;
    /** Slack's limit of a section's text. */
    static final int MAX_SECTION = 3000;
    /** How much of a long title the list shows: the list is a reminder, not the record. */
    static final int MAX_LISTED_TITLE = 100;

    private DeclareModal() {
    }

    /**
     * Where a declaration came from, carried in the modal's {@code private_metadata} to its submission: the channel
     * the command ran in (null for a global shortcut or the Home tab) and the command's response_url (null unless it
     * came from the command), with which the start is answered as the command answers it.
     */
    public record Origin(String channelId, String responseUrl) {

        /** A declaration from no channel. */
        public static final Origin NOWHERE = new Origin(null, null);

        public Origin {
            channelId = SlackIds.isValid(channelId) ? channelId : null;
            responseUrl = responseUrl != null && (responseUrl.startsWith("https://") || responseUrl.startsWith("http://"))
                    ? responseUrl : null;
        }

        public Optional<String> channel() {
            return Optional.ofNullable(channelId);
        }

        public Optional<String> responseUrlIfAny() {
            return Optional.ofNullable(responseUrl);
        }

        /** As private_metadata: a small JSON object. */
        String encode() {
            JsonObject o = new JsonObject();
            if (channelId != null) {
                o.addProperty("channel", channelId);
            }
            if (responseUrl != null) {
                o.addProperty("response_url", responseUrl);
            }
            return o.toString();
        }

        /** Reads private_metadata back; anything unreadable is a declaration from nowhere. */
        public static Origin decode(String metadata) {
            if (metadata == null || metadata.isBlank()) {
                return NOWHERE;
            }
            try {
                JsonObject o = JsonParser.parseString(metadata).getAsJsonObject();
                return new Origin(string(o, "channel"), string(o, "response_url"));
            } catch (JsonParseException | IllegalStateException e) {
                return NOWHERE;
            }
        }

        private static String string(JsonObject o, String key) {
            return o.has(key) && o.get(key).isJsonPrimitive() ? o.get(key).getAsString() : null;
        }
    }

    /**
     * The modal.
     *
     * @param open           the incidents open now, listed above the form
     * @param severity       the severity chosen at first
     * @param offerPrivate   whether the "private incident" choice is offered
     */
    public static View build(List<Incident> open, Severity severity, boolean offerPrivate, Origin origin) {
        List<LayoutBlock> blocks = new ArrayList<>(openIncidents(open));
        if (!blocks.isEmpty()) {
            blocks.add(divider());
        }
        blocks.add(input(i -> i.blockId(TITLE_BLOCK).label(plainText("Title"))
                .hint(plainText("What is wrong, in a few words. At most " + IncidentService.MAX_TITLE_LENGTH + " characters."))
                .element(plainTextInput(p -> p.actionId(TITLE_ACTION).maxLength(IncidentService.MAX_TITLE_LENGTH)
                        .placeholder(plainText("Checkout errors after the 14:05 deploy"))))));
        List<OptionObject> severities = Arrays.stream(Severity.values()).map(DeclareModal::severityOption).toList();
        blocks.add(input(i -> i.blockId(SEVERITY_BLOCK).label(plainText("Severity"))
                .hint(plainText("SEV1 is the worst. It can be changed later."))
                .element(staticSelect(s -> s.actionId(SEVERITY_ACTION).options(severities)
                        .initialOption(severityOption(severity))))));
        blocks.add(input(i -> i.blockId(KNOWN_BLOCK).label(plainText("What is known so far")).optional(true)
                .hint(plainText("Who or what is affected, since when, how it was noticed. The first entry of the "
                        + "timeline, and the report's Impact."))
                .element(plainTextInput(p -> p.actionId(KNOWN_ACTION).multiline(true)
                        .maxLength(IncidentService.MAX_KNOWN_LENGTH)))));
        if (offerPrivate) {
            blocks.add(input(i -> i.blockId(PRIVATE_BLOCK).label(plainText("Visibility")).optional(true)
                    .element(checkboxes(c -> c.actionId(PRIVATE_ACTION).options(List.of(option(o -> o
                            .text(plainText("Private incident"))
                            .description(plainText("A private channel: only the people invited see it."))
                            .value(PRIVATE_VALUE))))))));
        }
        return View.builder()
                .type("modal")
                .callbackId(CALLBACK_ID)
                .title(ViewTitle.builder().type("plain_text").text("Declare an incident").build())
                .submit(ViewSubmit.builder().type("plain_text").text("Declare").build())
                .close(ViewClose.builder().type("plain_text").text("Cancel").build())
                .privateMetadata(origin.encode())
                .blocks(blocks)
                .build();
    }

    /** The option of a severity, as the select offers it and a submission carries it back. */
    static OptionObject severityOption(Severity severity) {
        return option(plainText(severity.label()), severity.name());
    }

    /** Newest first, at most {@link #MAX_LISTED} by name, the lines packed into sections Slack accepts. */
    private static List<LayoutBlock> openIncidents(List<Incident> open) {
        if (open.isEmpty()) {
            return List.of();
        }
        List<Incident> newestFirst = open.stream().sorted(Comparator.comparingInt(Incident::number).reversed()).toList();
        List<String> lines = new ArrayList<>();
        lines.add(open.size() == 1 ? "*An incident is already open.* If it is the same problem, join its channel instead:"
                : "*" + open.size() + " incidents are already open.* If it is one of these, join its channel instead:");
        for (Incident incident : newestFirst.subList(0, Math.min(MAX_LISTED, newestFirst.size()))) {
            lines.add("• *" + incident.number() + "* " + Mrkdwn.escape(Mrkdwn.truncate(incident.title(), MAX_LISTED_TITLE))
                    + " (" + incident.severity().label() + ") <#" + incident.channelId() + ">");
        }
        if (newestFirst.size() > MAX_LISTED) {
            lines.add("…and " + (newestFirst.size() - MAX_LISTED) + " more: `/incident list` shows them all.");
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            if (text.length() + line.length() + 1 > MAX_SECTION) {
                blocks.add(sectionOf(text.toString(), blocks.size()));
                text.setLength(0);
            }
            text.append(text.isEmpty() ? "" : "\n").append(line);
        }
        blocks.add(sectionOf(text.toString(), blocks.size()));
        return blocks;
    }

    private static LayoutBlock sectionOf(String text, int index) {
        return section(s -> s.blockId(OPEN_INCIDENTS_BLOCK + ":" + index).text(markdownText(text)));
    }
}
