package dev.scribe.slack.interaction;

import com.slack.api.bolt.context.builtin.GlobalShortcutContext;
import com.slack.api.bolt.handler.builtin.GlobalShortcutHandler;
import com.slack.api.bolt.request.builtin.GlobalShortcutRequest;
import com.slack.api.bolt.response.Response;
import dev.scribe.slack.Declarations;

/**
 * The global shortcut "Declare an incident" ({@code declare_incident}): opens the declare form. A global shortcut has
 * no channel, so the declarer learns where the incident lives by direct message.
 */
public final class DeclareShortcutListener implements GlobalShortcutHandler {

    private final Declarations declarations;

    public DeclareShortcutListener(Declarations declarations) {
        this.declarations = declarations;
    }

    @Override
    public Response apply(GlobalShortcutRequest request, GlobalShortcutContext ctx) {
        var payload = request.getPayload();
        if (payload.getUser() == null || payload.getTriggerId() == null) {
            return Interactions.malformed("a shortcut without a user or a trigger_id");
        }
        // Before the ack, not after: the trigger is good for three seconds from the click.
        declarations.openFormOrSaySo(payload.getTriggerId(), payload.getUser().getId());
        return ctx.ack();
    }
}
