package dev.scribe.slack.view;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.view.View;
import dev.scribe.incident.Incident;
import java.util.List;

/**
 * The form of the "Close incident" button, and its confirmation: it says what closing does, and nothing is closed
 * until its submit button, which says "Close incident", is pressed. The resolution is optional, as for
 * {@code /incident close [resolution]}.
 *
 * <pre>
 * Close the incident                 (title)
 * Incident 4: Checkout errors
 * Closing stops recording and posts the summary, timeline and RCA skeleton here. ...
 * Resolution  [ rolled back to v2.40 ]  (optional)
 *                      [Cancel] [Close incident]
 * </pre>
 */
public final class CloseModal {

    public static final String CALLBACK_ID = "incident_close_modal";
    public static final String RESOLUTION_BLOCK = "incident_close_resolution";
    public static final String RESOLUTION_ACTION = "incident_close_resolution_input";
    /** The one sentence that makes this form the confirmation of the close. */
    static final String WHAT_CLOSING_DOES = "Closing stops recording this incident and posts the summary, the timeline "
            + "and the RCA skeleton in its channel. `/incident reopen` in the channel opens it again.";

    private CloseModal() {
    }

    public static View of(Incident incident) {
        return IncidentModals.modal(CALLBACK_ID, incident, "Close the incident", "Close incident", List.of(
                section(s -> s.text(markdownText(WHAT_CLOSING_DOES))),
                input(i -> i.blockId(RESOLUTION_BLOCK).label(plainText("Resolution")).optional(true)
                        .element(IncidentModals.text(RESOLUTION_ACTION, "What fixed it, e.g. rolled back to v2.40",
                                true)))));
    }
}
