package dev.scribe.slack.view;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.view.View;
import dev.scribe.incident.Incident;
import dev.scribe.incident.UserText;
import dev.scribe.slack.Mrkdwn;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * What the header's forms have in common: which incident they are for (their {@code private_metadata} is its number,
 * nothing else, so no form can be pointed at another channel), the line naming it, and their text inputs, at most
 * {@value #MAX_TEXT} characters like the commands' texts.
 */
public final class IncidentModals {

    /** The longest note, action item or resolution, as for {@code /incident note} and the others. */
    public static final int MAX_TEXT = 3000;
    /** Slack's limit on a modal's title and button texts. */
    static final int MAX_TITLE = 24;

    private IncidentModals() {
    }

    /** The incident a form was opened for, from its private_metadata; empty when that is not a number. */
    public static OptionalInt incidentNumber(String privateMetadata) {
        if (privateMetadata == null || privateMetadata.contains(":")) {
            return OptionalInt.empty();
        }
        return HeaderControls.incidentNumber("form:" + privateMetadata);
    }

    static View modal(String callbackId, Incident incident, String title, String submit, List<LayoutBlock> inputs) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(Mrkdwn.truncate("*Incident " + incident.number() + "*: "
                + Mrkdwn.escape(UserText.oneLine(incident.title())), IncidentHeader.MAX_SECTION)))));
        blocks.addAll(inputs);
        return view(v -> v.type("modal").callbackId(callbackId)
                .privateMetadata(String.valueOf(incident.number()))
                .title(viewTitle(t -> t.type("plain_text").text(title)))
                .submit(viewSubmit(s -> s.type("plain_text").text(submit)))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(blocks));
    }

    static PlainTextInputElement text(String actionId, String placeholder, boolean multiline) {
        return PlainTextInputElement.builder().actionId(actionId).multiline(multiline).maxLength(MAX_TEXT)
                .placeholder(plainText(placeholder)).build();
    }
}
