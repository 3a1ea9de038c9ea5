package dev.scribe.slack.interaction;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.scribe.slack.Declarations;

/** The Home tab's "Declare an incident" button ({@code home_declare}): opens the declare form, as the shortcut does. */
public final class HomeDeclareButtonListener implements BlockActionHandler {

    private final Declarations declarations;

    public HomeDeclareButtonListener(Declarations declarations) {
        this.declarations = declarations;
    }

    @Override
    public Response apply(BlockActionRequest request, ActionContext ctx) {
        var payload = request.getPayload();
        if (payload.getUser() == null || payload.getTriggerId() == null) {
            return Interactions.malformed("a button click without a user or a trigger_id");
        }
        declarations.openFormOrSaySo(payload.getTriggerId(), payload.getUser().getId());
        return ctx.ack();
    }
}
