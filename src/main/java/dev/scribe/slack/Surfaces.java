package dev.scribe.slack;

import com.google.gson.JsonObject;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.view.View;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Web API calls of the interactive surface: opening modals with a trigger, publishing a person's Home tab, asking
 * Slack for a message's link, and answering one person through a response_url.
 */
public final class Surfaces {

    private static final Logger log = LoggerFactory.getLogger(Surfaces.class);

    private final MethodsClient methods;
    private final Slack slack;

    public Surfaces(MethodsClient methods, Slack slack) {
        this.methods = methods;
        this.slack = slack;
    }

    /**
     * Opens a modal with the trigger of the interaction that asks for it (good for 3 s and once).
     *
     * @throws SlackCallException when Slack refuses it, e.g. {@code expired_trigger_id}
     */
    public void openModal(String triggerId, View view) {
        SlackCalls.require("views.open", () -> methods.viewsOpen(r -> r.triggerId(triggerId).view(view)));
    }

    /**
     * Publishes a person's Home tab, replacing what it showed.
     *
     * @throws SlackCallException when Slack refuses it (a rate limit says when to try again)
     */
    public void publishHome(String userId, View view) {
        SlackCalls.require("views.publish", () -> methods.viewsPublish(r -> r.userId(userId).view(view)));
    }

    /** Slack's link to a message; empty when Slack cannot give one (the report then builds it from the workspace). */
    public Optional<String> permalink(String channelId, String ts) {
        try {
            return Optional.ofNullable(SlackCalls.require("chat.getPermalink",
                    () -> methods.chatGetPermalink(r -> r.channel(channelId).messageTs(ts))).getPermalink());
        } catch (SlackCallException e) {
            log.info("No link from Slack for a message added to a timeline: {}", e.error());
            return Optional.empty();
        }
    }

    /** Tells only the person who used a shortcut, through its response_url; a failure is logged, nothing more. */
    public void tellPrivately(String responseUrl, String text) {
        if (responseUrl == null || responseUrl.isBlank()) {
            return;
        }
        JsonObject body = new JsonObject();
        body.addProperty("response_type", "ephemeral");
        body.addProperty("text", text);
        try {
            int code = slack.send(responseUrl, body.toString()).getCode();
            if (code != 200) {
                log.warn("A response_url answered HTTP {}", code);
            }
        } catch (Exception e) {
            log.warn("Could not answer through a response_url: {}", e.toString());
        }
    }
}
