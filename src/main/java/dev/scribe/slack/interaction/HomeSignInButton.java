package dev.scribe.slack.interaction;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import dev.scribe.slack.SlackCallException;
import dev.scribe.slack.Surfaces;
import dev.scribe.slack.view.SignInModal;
import dev.scribe.web.SignIns;
import dev.scribe.web.SignInLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Home tab's "Open the incident pages" button: makes a personal sign-in link on the click (one use, ten minutes,
 * as {@code /incident web} does) and shows it in a modal, so a Home tab open for hours never holds a stale link.
 */
final class HomeSignInButton implements BlockActionHandler {

    private static final Logger log = LoggerFactory.getLogger(HomeSignInButton.class);

    private final SignInLinks links;
    private final Surfaces surfaces;

    HomeSignInButton(SignInLinks links, Surfaces surfaces) {
        this.links = links;
        this.surfaces = surfaces;
    }

    @Override
    public Response apply(BlockActionRequest request, ActionContext ctx) {
        BlockActionPayload payload = request.getPayload();
        if (payload.getUser() == null || payload.getUser().getId() == null || payload.getTriggerId() == null) {
            return Interactions.malformed("a Home pages button click without its user or trigger");
        }
        String team = payload.getUser().getTeamId() != null ? payload.getUser().getTeamId()
                : payload.getTeam() == null ? null : payload.getTeam().getId();
        View modal = links.newLink(payload.getUser().getId(), team)
                .map(url -> SignInModal.withLink(url, SignIns.LINK_LIFETIME.toMinutes()))
                .orElseGet(() -> SignInModal.withoutLink(links.refusal(team)));
        try {
            surfaces.openModal(payload.getTriggerId(), modal);
        } catch (SlackCallException e) {
            log.warn("Could not open the sign-in modal: {}", e.error());
        }
        return ctx.ack();
    }
}
