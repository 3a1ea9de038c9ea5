package dev.scribe.slack.view;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.element.UsersSelectElement;
import com.slack.api.model.view.View;
import dev.scribe.incident.Incident;
import java.util.List;

/**
 * The form of the "Add action item" button: what {@code /incident action <text> [@owner]} adds.
 *
 * <pre>
 * Add an action item                 (title)
 * Incident 4: Checkout errors
 * Action item  [ add an alert on queue depth ]
 * Owner        [ Choose a person ▾ ]  (optional)
 *                      [Cancel] [Add action item]
 * </pre>
 */
public final class ActionItemModal {

    public static final String CALLBACK_ID = "incident_action_modal";
    public static final String TEXT_BLOCK = "incident_action_text";
    public static final String TEXT_ACTION = "incident_action_text_input";
    public static final String OWNER_BLOCK = "incident_action_owner";
    public static final String OWNER_ACTION = "incident_action_owner_select";

    private ActionItemModal() {
    }

    public static View of(Incident incident) {
        return IncidentModals.modal(CALLBACK_ID, incident, "Add an action item", "Add action item", List.of(
                input(i -> i.blockId(TEXT_BLOCK).label(plainText("Action item"))
                        .element(IncidentModals.text(TEXT_ACTION, "What should be done, e.g. add an alert on queue depth",
                                false))),
                input(i -> i.blockId(OWNER_BLOCK).label(plainText("Owner")).optional(true)
                        .element(UsersSelectElement.builder().actionId(OWNER_ACTION)
                                .placeholder(plainText("Choose a person")).build()))));
    }
}
