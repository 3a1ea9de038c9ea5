package dev.scribe.slack.view;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.view.View;
import dev.scribe.incident.Incident;
import java.util.List;

/**
 * The form of the header's "Add note" button: what {@code /incident note} adds, a key entry at the time it is
 * submitted.
 *
 * <pre>
 * Add a note                         (title)
 * Incident 4: Checkout errors
 * Note  [ rolled back to v2.40      ]
 *                      [Cancel] [Add note]
 * </pre>
 */
public final class NoteModal {

    public static final String CALLBACK_ID = "incident_note_modal";
    public static final String TEXT_BLOCK = "incident_note_text";
    public static final String TEXT_ACTION = "incident_note_text_input";

    private NoteModal() {
    }

    public static View of(Incident incident) {
        return IncidentModals.modal(CALLBACK_ID, incident, "Add a note", "Add note", List.of(
                input(i -> i.blockId(TEXT_BLOCK).label(plainText("Note"))
                        .element(IncidentModals.text(TEXT_ACTION, "What happened, what was tried, what is known", true)))));
    }
}
