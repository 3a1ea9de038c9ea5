package dev.scribe.slack.interaction;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import dev.scribe.incident.Incident;
import dev.scribe.incident.RoleChange;
import dev.scribe.slack.SlackIds;
import dev.scribe.slack.view.HeaderControls;
import java.util.regex.Pattern;

/**
 * A role's users select ({@code incident_role:<role>}): what {@code /incident role <role> @user} records (for the
 * commander, what {@code /incident lead @user} records).
 */
public final class RoleChosen extends IncidentControlHandler {

    /** Every role select's action id. */
    public static final Pattern ACTION_IDS = Pattern.compile("^" + Pattern.quote(HeaderControls.ROLE_PREFIX) + "[a-z0-9-]+$");

    public RoleChosen(IncidentControls controls) {
        super(controls);
    }

    @Override
    void act(Incident incident, BlockActionPayload.Action action, String user, BlockActionPayload payload) {
        String role = HeaderControls.roleOf(action.getActionId())
                .orElseThrow(() -> new IncidentControls.MalformedControl("no role"));
        String chosen = action.getSelectedUser();
        if (!SlackIds.isValid(chosen)) {
            throw new IncidentControls.MalformedControl("nobody chosen for a role");
        }
        RoleChange change = controls.incidents().role(incident.number(), user, role, chosen);
        controls.recorded(change.incident(), controls.replies().roleChanged(change));
    }
}
