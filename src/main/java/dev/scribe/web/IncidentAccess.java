package dev.scribe.web;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.conversations.ConversationsInfoResponse;
import com.slack.api.methods.response.conversations.ConversationsMembersResponse;
import dev.scribe.incident.Incident;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may see an incident: members of the workspace that installed the bot see incidents of public channels;
 * an incident in a private channel only its members. Membership is asked of Slack on every page
 * ({@code conversations.info}, then {@code conversations.members}), not taken from what was recorded: the bot
 * stores who wrote, not who is in the channel, and someone removed from the channel must lose the page at once.
 * When Slack cannot be asked, nobody sees a private incident (it fails closed).
 */
public final class IncidentAccess {

    /** What the viewer may do with an incident. */
    enum Verdict { SEE, NOT_A_MEMBER, CANNOT_CHECK }

    private static final Logger log = LoggerFactory.getLogger(IncidentAccess.class);

    private final MethodsClient methods;
    private final String installingTeamId;

    public IncidentAccess(MethodsClient methods, String installingTeamId) {
        this.methods = methods;
        this.installingTeamId = installingTeamId;
    }

    /** True for a viewer of the installing workspace: the first condition of every page. */
    boolean inWorkspace(Viewer viewer) {
        return installingTeamId != null && installingTeamId.equals(viewer.teamId());
    }

    Verdict verdict(Viewer viewer, Incident incident) {
        if (!inWorkspace(viewer)) {
            return Verdict.NOT_A_MEMBER;
        }
        try {
            ConversationsInfoResponse info = methods.conversationsInfo(r -> r.channel(incident.channelId()));
            if (!info.isOk()) {
                log.warn("conversations.info for incident {} answered {}", incident.number(), info.getError());
                return Verdict.CANNOT_CHECK;
            }
            if (!info.getChannel().isPrivate()) {
                return Verdict.SEE;
            }
            String cursor = null;
            do {
                String page = cursor;
                ConversationsMembersResponse members = methods.conversationsMembers(r -> r.channel(incident.channelId())
                        .limit(1000).cursor(page));
                if (!members.isOk()) {
                    log.warn("conversations.members for incident {} answered {}", incident.number(), members.getError());
                    return Verdict.CANNOT_CHECK;
                }
                if (members.getMembers() != null && members.getMembers().contains(viewer.userId())) {
                    return Verdict.SEE;
                }
                cursor = members.getResponseMetadata() == null ? null : members.getResponseMetadata().getNextCursor();
            } while (cursor != null && !cursor.isEmpty());
            return Verdict.NOT_A_MEMBER;
        } catch (IOException | SlackApiException e) {
            log.warn("Could not ask Slack who may see incident {}: {}", incident.number(), e.getMessage());
            return Verdict.CANNOT_CHECK;
        }
    }
}
