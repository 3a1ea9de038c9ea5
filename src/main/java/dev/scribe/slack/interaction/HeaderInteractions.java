package dev.scribe.slack.interaction;

import com.slack.api.bolt.App;
import dev.scribe.slack.view.ActionItemModal;
import dev.scribe.slack.view.CloseModal;
import dev.scribe.slack.view.HeaderControls;
import dev.scribe.slack.view.NoteModal;

/**
 * Registers one listener class per control of an incident's messages (the pinned header and the reminders) and per
 * form they open. Called from {@code slack/Listeners}, the one registrar.
 */
public final class HeaderInteractions {

    private HeaderInteractions() {
    }

    public static void register(App app, IncidentControls controls) {
        app.blockAction(HeaderControls.STATUS, new StatusChosen(controls));
        app.blockAction(HeaderControls.SEVERITY, new SeverityChosen(controls));
        app.blockAction(RoleChosen.ACTION_IDS, new RoleChosen(controls));
        app.blockAction(HeaderControls.ADD_ACTION, new AddActionClicked(controls));
        app.blockAction(HeaderControls.ADD_NOTE, new AddNoteClicked(controls));
        app.blockAction(HeaderControls.CLOSE, new CloseClicked(controls));
        app.viewSubmission(ActionItemModal.CALLBACK_ID, new ActionItemSubmitted(controls));
        app.viewSubmission(NoteModal.CALLBACK_ID, new NoteSubmitted(controls));
        app.viewSubmission(CloseModal.CALLBACK_ID, new CloseSubmitted(controls));
    }
}
